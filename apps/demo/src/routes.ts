import { lazy, type ComponentType } from 'react';
import { AiPage } from './pages/ai/AiPage';
import { AlertsPage } from './pages/alerts/AlertsPage';
import { AuthPage } from './pages/auth/AuthPage';
import { DeploysPage } from './pages/deploys/DeploysPage';
import { LogsPage } from './pages/logs/LogsPage';
import { OverviewPage } from './pages/overview/OverviewPage';
import { ResiliencePage } from './pages/resilience/ResiliencePage';
import { TypedPage } from './pages/typed/TypedPage';

// A development tool, loaded when visited: the other pages' bundle carries none of it (nor the
// devtools entry it imports).
const DiagnosticsPage = lazy(() => import('./pages/diagnostics/DiagnosticsPage').then((module) => ({ default: module.DiagnosticsPage })));

export interface Route {
  path: string;
  title: string;
  Page: ComponentType;
}

/** The navigation, in order. Each page is one integration example. */
export const routes: readonly Route[] = [
  { path: '/', title: 'Overview', Page: OverviewPage },
  { path: '/alerts', title: 'Alerts', Page: AlertsPage },
  { path: '/logs', title: 'Logs', Page: LogsPage },
  { path: '/deploys', title: 'Deploys', Page: DeploysPage },
  { path: '/ai', title: 'AI answer', Page: AiPage },
  { path: '/auth', title: 'Auth', Page: AuthPage },
  { path: '/resilience', title: 'Resilience lab', Page: ResiliencePage },
  { path: '/diagnostics', title: 'Diagnostics', Page: DiagnosticsPage },
  { path: '/typed', title: 'Typed contract', Page: TypedPage },
];
