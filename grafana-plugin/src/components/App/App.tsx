import { type AppRootProps } from '@grafana/data';
import { Navigate, Route, Routes } from 'react-router-dom';

import { PAGES } from '../../constants';
import { Catalog } from '../../pages/Catalog/Catalog';
import { Exceptions } from '../../pages/Exceptions/Exceptions';
import { Overview } from '../../pages/Overview/Overview';

/** The app's pages, relative to /a/syncgov-governance-app. */
export function App(_props: AppRootProps) {
  return (
    <Routes>
      <Route path={PAGES.overview} element={<Overview />} />
      <Route path={`${PAGES.exceptions}/:id?`} element={<Exceptions />} />
      <Route path={PAGES.catalog} element={<Catalog />} />
      <Route path="*" element={<Navigate to={PAGES.overview} replace />} />
    </Routes>
  );
}
