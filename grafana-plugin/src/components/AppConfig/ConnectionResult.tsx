import { Alert } from '@grafana/ui';

import { type CollectorError } from '../../api/errors';
import { type CollectorInfo } from '../../api/types';
import { formatTime } from '../../display/format';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { testIds } from '../testIds';

export type Connection =
  { state: 'ok'; info: CollectorInfo } | { state: 'failed'; error: CollectorError };

/** The outcome of a connection test, with the collector's own account of itself. */
export function ConnectionResult({ connection }: { connection: Connection }) {
  if (connection.state === 'failed') {
    return (
      <div data-testid={testIds.appConfig.result} data-state="failed">
        <ErrorNotice title="Connection test failed" error={connection.error} />
      </div>
    );
  }
  const { info } = connection;
  const { catalog } = info;
  return (
    <div data-testid={testIds.appConfig.result} data-state="ok">
      <Alert severity="success" title={`Connected to ${info.name} ${info.version}`}>
        Catalog of {catalog.organisation}: {catalog.plants} plants, {catalog.processes} processes,{' '}
        {catalog.interfaces} interfaces, loaded {formatTime(catalog.loadedAt)} UTC.
      </Alert>
    </div>
  );
}
