import {
  type AppPlugin,
  type AppPluginMeta,
  createTheme,
  type PanelPlugin,
  PluginType,
  ThemeContext,
} from '@grafana/data';
import { config, setBackendSrv, setCurrentUser } from '@grafana/runtime';
import { GlobalStyles, PortalContainer } from '@grafana/ui';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';

import { loadAmdModule } from './amd';
import { harnessBackendSrv } from './backendSrv';
import { PanelsPage } from './panels';
import { sharedModules } from './shared';

const PLUGIN = '/public/plugins/syncgov-governance-app';

interface Session {
  user: { login: string; orgRole: string; permissions: Record<string, boolean> };
  settings: { jsonData: Record<string, unknown>; secureJsonFields: Record<string, boolean> };
}

async function plugin<T>(path: string): Promise<T> {
  const exports = await loadAmdModule(`${PLUGIN}/${path}`, sharedModules);
  return exports.plugin as T;
}

function meta(session: Session): AppPluginMeta {
  return {
    id: 'syncgov-governance-app',
    name: 'syncgov',
    type: PluginType.app,
    enabled: true,
    jsonData: session.settings.jsonData,
    secureJsonFields: session.settings.secureJsonFields,
  } as unknown as AppPluginMeta;
}

async function boot(): Promise<void> {
  const session = (await (await fetch('/harness/session')).json()) as Session;
  const mode =
    new URLSearchParams(window.location.search).get('theme') === 'light' ? 'light' : 'dark';
  const theme = createTheme({ colors: { mode } });
  config.theme2 = theme;
  setBackendSrv(harnessBackendSrv());
  setCurrentUser({ ...session.user, id: 1, isSignedIn: true } as unknown as Parameters<
    typeof setCurrentUser
  >[0]);

  const app = await plugin<AppPlugin>('module.js');
  const matrix = await plugin<PanelPlugin>('panels/impact-matrix/module.js');
  const queue = await plugin<PanelPlugin>('panels/exception-queue/module.js');
  app.meta = meta(session);
  app.init(meta(session));
  const Root = app.root!;
  const Config = app.configPages![0]!.body;
  const query = 'sum by (plant, process, severity) (syncgov_exceptions_open)';

  createRoot(document.getElementById('root')!).render(
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <BrowserRouter>
        <Routes>
          <Route
            path="/a/syncgov-governance-app/*"
            element={
              <Root
                meta={meta(session)}
                basename="/a/syncgov-governance-app"
                path=""
                query={{}}
                onNavChanged={() => undefined}
              />
            }
          />
          <Route
            path="/plugins/syncgov-governance-app"
            element={<Config plugin={app} query={{}} />}
          />
          <Route
            path="/d/syncgov-panels"
            element={<PanelsPage matrix={matrix} queue={queue} query={query} />}
          />
        </Routes>
      </BrowserRouter>
      <PortalContainer />
    </ThemeContext.Provider>
  );
  document.body.dataset.harness = 'ready';
}

boot().catch((error: unknown) => {
  document.body.dataset.harness = 'failed';
  document.body.textContent = `harness failed: ${String(error)}`;
});
