// One id per browser tab and page, sent as `clientId` so the dev server's /api/stats can count
// this tab's connections separately from any other tab (or test) that is open.
const tab = Math.random().toString(36).slice(2, 8);

export function clientId(page: string): string {
  return `${page}-${tab}`;
}
