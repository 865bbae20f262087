import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequirePermission } from './components/RequirePermission';
import { NotFoundPage } from './components/StatusPages';
import { RequireAuth } from './features/auth/RequireAuth';
import { CONSOLE_ROUTES } from './layout/routes';

const LoginPage = lazy(() => import('./features/auth/LoginPage'));
const ForcedPasswordPage = lazy(async () => ({
  default: (await import('./features/auth/ForcedStepPages')).ForcedPasswordPage,
}));
const ForcedTotpPage = lazy(async () => ({
  default: (await import('./features/auth/ForcedStepPages')).ForcedTotpPage,
}));
const ConsoleLayout = lazy(() => import('./layout/ConsoleLayout'));

const load = (node: ReactNode) => <Suspense fallback={<Spin fullscreen />}>{node}</Suspense>;

export const router = createBrowserRouter([
  { path: '/login', element: load(<LoginPage />) },
  { path: '/password', element: load(<ForcedPasswordPage />) },
  { path: '/totp', element: load(<ForcedTotpPage />) },
  {
    path: '/',
    element: <RequireAuth>{load(<ConsoleLayout />)}</RequireAuth>,
    children: [
      ...CONSOLE_ROUTES.map(({ path, permission, Page }) => ({
        ...(path === '/' ? { index: true as const } : { path }),
        element: (
          <RequirePermission permission={permission}>
            <Page />
          </RequirePermission>
        ),
      })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
