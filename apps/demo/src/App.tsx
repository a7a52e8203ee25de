import { Suspense, useEffect, useRef } from 'react';
import { DevtoolsToggle } from './components/DevtoolsToggle';
import { DocsPage } from './pages/docs/DocsPage';
import { routes } from './routes';
import { useHashRoute } from './lib/useHashRoute';
import { useTheme } from './lib/useTheme';

export function App() {
  const path = useHashRoute();
  const [theme, toggleTheme] = useTheme();
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(path);
  const docsAnchor = path.startsWith('/docs') ? path.slice('/docs/'.length) : null;
  const route = routes.find((candidate) => candidate.path === path);
  const title = docsAnchor !== null ? 'API docs' : (route?.title ?? 'Not found');

  useEffect(() => {
    document.title = `${title} · SSE kit demo`;
    // After navigation (not on load, where the skip link comes first), start keyboard and
    // screen-reader users at the new content.
    if (shownPath.current === path) return;
    shownPath.current = path;
    if (docsAnchor === null) main.current?.focus({ preventScroll: true });
  }, [title, path, docsAnchor]);

  let content;
  if (docsAnchor !== null) content = <DocsPage anchor={docsAnchor} />;
  else if (route)
    content = (
      <Suspense fallback={<p className="muted">Loading {route.title}…</p>}>
        <route.Page />
      </Suspense>
    );
  else
    content = (
      <>
        <h1>Not found</h1>
        <p>
          No page at <code>{path}</code>. <a href="#/">Go to the overview</a>.
        </p>
      </>
    );

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(event) => (event.preventDefault(), main.current?.focus())}>
        Skip to content
      </a>
      <header className="app-header">
        <a className="brand" href="#/">
          SSE kit <span className="muted">demo</span>
        </a>
        <button type="button" className="theme-toggle" onClick={toggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
      </header>
      <nav className="app-nav" aria-label="Examples">
        <ul>
          {routes.map((candidate) => (
            <li key={candidate.path}>
              <a href={`#${candidate.path}`} aria-current={candidate.path === path ? 'page' : undefined}>
                {candidate.title}
              </a>
            </li>
          ))}
          <li>
            <a href="#/docs/" aria-current={docsAnchor !== null ? 'page' : undefined}>
              API docs
            </a>
          </li>
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1} className="app-main" data-page={route?.path ?? path}>
        {content}
      </main>
      <DevtoolsToggle />
    </div>
  );
}
