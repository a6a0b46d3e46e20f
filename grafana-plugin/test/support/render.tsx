import { type AppRootProps } from '@grafana/data';
import { render, type RenderResult } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';

import { App } from '../../src/components/App/App';

/** Where the app navigated last, as path plus query. */
export const seen = { location: '' };

function LocationProbe() {
  const location = useLocation();
  seen.location = `${location.pathname}${location.search}`;
  return null;
}

/** Renders the app the way Grafana mounts it, at one URL. */
export function renderApp(url: string): RenderResult {
  const props = {} as AppRootProps;
  return render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/a/syncgov-governance-app/*" element={<App {...props} />} />
      </Routes>
      <LocationProbe />
    </MemoryRouter>
  );
}
