// jsdom has no matchMedia; uPlot and the theme hook read it at import and on mount. (Files that
// run in the node environment, with `@vitest-environment node`, have no window at all.)
if (typeof window !== 'undefined') window.matchMedia ??= ((query: string) =>
  ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => {},
    removeEventListener: () => {},
    addListener: () => {},
    removeListener: () => {},
    dispatchEvent: () => false,
  }) as MediaQueryList) as typeof window.matchMedia;
