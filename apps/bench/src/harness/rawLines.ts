/**
 * The least work any event-stream parser does on text: cut it into lines (a line split across
 * chunks is joined once), read each line's last char (as a consumer reads an event's data), count
 * the blank ones. No fields, no events, no CR line ends.
 */
export function lineCounter(): { feed(text: string): void; readonly blankLines: number } {
  let pending: string[] = [];
  let blankLines = 0;
  let sink = 0;
  return {
    feed(text) {
      let position = 0;
      for (;;) {
        const end = text.indexOf('\n', position);
        if (end === -1) {
          if (position < text.length) pending.push(position === 0 ? text : text.slice(position));
          return;
        }
        let line = text.slice(position, end);
        if (pending.length > 0) {
          pending.push(line);
          line = pending.join('');
          pending = [];
        }
        if (line.length === 0) blankLines++;
        // Read a char so the line is a flat string, and keep the slice from being optimised away.
        else sink += line.charCodeAt(line.length - 1);
        position = end + 1;
      }
    },
    get blankLines() {
      return blankLines + (sink < 0 ? 1 : 0);
    },
  };
}

/** The practical ceiling of a parser fed bytes: `TextDecoder` stream decoding, then lineCounter. */
export function rawLineCounter(): { feed(chunk: Uint8Array): void; readonly blankLines: number } {
  const decoder = new TextDecoder();
  const lines = lineCounter();
  return {
    feed(bytes) {
      lines.feed(decoder.decode(bytes, { stream: true }));
    },
    get blankLines() {
      return lines.blankLines;
    },
  };
}
