/**
 * Serializes a comment line. Clients ignore comments, which is what makes them useful as
 * heartbeats: they keep proxies from timing out an idle stream and feed the client's idle watchdog
 * without dispatching anything.
 */
export function formatComment(text = ''): string {
  // Each line needs its own colon, or the lines after the first would be parsed as fields.
  return `${text
    .split(/\r\n|\r|\n/)
    .map((line) => (line === '' ? ':' : `: ${line}`))
    .join('\n')}\n\n`;
}
