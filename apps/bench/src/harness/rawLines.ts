/**
 * The practical ceiling of any event-stream parser: decode the bytes, cut the text into lines
 * (a line split across chunks is joined once), count the blank ones. No fields, no events.
 */
export function rawLineCounter(): { feed(chunk: Uint8Array): void; readonly blankLines: number } {
  const decoder = new TextDecoder();
  let pending: string[] = [];
  let blankLines = 0;
  let sink = 0;
  return {
    feed(bytes) {
      const text = decoder.decode(bytes, { stream: true });
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
        // Touch the line so the slice cannot be optimised away.
        sink += line.length;
        position = end + 1;
      }
    },
    get blankLines() {
      return blankLines + (sink < 0 ? 1 : 0);
    },
  };
}
