// Loaded only through `import('./highlight')` (see useHighlightedSource): shiki, its TSX grammar
// and two themes are a chunk of their own that no page waits for before showing live data.
import { createHighlighterCore, type HighlighterCore } from '@shikijs/core';
import { createJavaScriptRegexEngine } from '@shikijs/engine-javascript';
import tsx from '@shikijs/langs/tsx';
import githubDark from '@shikijs/themes/github-dark-default';
import githubLight from '@shikijs/themes/github-light-default';

/** One coloured run of text: its colour in each theme (CSS custom properties) and its font style. */
export interface HighlightedToken {
  content: string;
  style: Record<`--${string}`, string>;
  italic: boolean;
  bold: boolean;
}

// Shiki's FontStyle bit flags (Italic = 1, Bold = 2), spelled out so the types stay a type import.
const ITALIC = 1;
const BOLD = 2;

// registry: the worker's one highlighter, created on its first request (compiling the grammar is
// the slow part, done once).
let highlighter: Promise<HighlighterCore> | undefined;

function getHighlighter(): Promise<HighlighterCore> {
  // The JavaScript regex engine: no WebAssembly to fetch and instantiate; TSX is fully supported.
  highlighter ??= createHighlighterCore({ themes: [githubLight, githubDark], langs: [tsx], engine: createJavaScriptRegexEngine() });
  return highlighter;
}

/**
 * Tokenizes TypeScript/TSX source (`.ts` files read fine with the TSX grammar) into lines of
 * tokens carrying both themes' colours as `--shiki-light` / `--shiki-dark`, so the page's theme
 * toggle recolours them with CSS alone, without highlighting again.
 */
export async function highlightTsx(source: string): Promise<HighlightedToken[][]> {
  const instance = await getHighlighter();
  const { tokens } = instance.codeToTokens(source, {
    lang: 'tsx',
    themes: { light: 'github-light-default', dark: 'github-dark-default' },
    defaultColor: false,
  });
  return tokens.map((line) =>
    line.map((token) => ({
      content: token.content,
      style: (token.htmlStyle ?? {}) as Record<`--${string}`, string>,
      italic: ((token.fontStyle ?? 0) & ITALIC) !== 0,
      bold: ((token.fontStyle ?? 0) & BOLD) !== 0,
    })),
  );
}
