/**
 * The MessageEvent FetchEventSource dispatches, plus one fact a native EventSource hides:
 * `hasOwnId`, whether the event's block carried an `id:` field. `lastEventId` repeats the previous
 * id for an event without one, so without this flag a replayed event (server resends id 7) cannot
 * be told from the next event after id 7, and duplicate filtering would have to guess.
 */
export class SSEMessageEvent extends MessageEvent<string> {
  declare readonly hasOwnId: boolean;

  constructor(type: string, init: MessageEventInit<string>, hasOwnId: boolean) {
    super(type, init);
    this.hasOwnId = hasOwnId;
  }
}
