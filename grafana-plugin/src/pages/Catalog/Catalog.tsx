import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Input, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';

import { getCatalog } from '../../api/collector';
import { type CatalogInterface } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice/ErrorNotice';
import { testIds } from '../../components/testIds';
import { useLoad } from '../../hooks/useLoad';
import { InterfaceRow } from './InterfaceRow';

function matches(entry: CatalogInterface, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (needle === '') {
    return true;
  }
  const haystack = [
    entry.id,
    entry.name,
    entry.source,
    entry.target,
    entry.process,
    ...entry.plants,
  ];
  return haystack.some((value) => value.toLowerCase().includes(needle));
}

/** The business service catalog: who owns each interface, its SLA and runbook. */
export function Catalog() {
  const styles = useStyles2(getStyles);
  const [params] = useSearchParams();
  const [search, setSearch] = useState(params.get('interface') ?? '');
  const catalog = useLoad(getCatalog, 'catalog');
  const rows = catalog.data?.interfaces.filter((entry) => matches(entry, search)) ?? [];

  return (
    <PluginPage subTitle="Interfaces with their owners, objectives, dependencies and runbooks">
      <div data-testid={testIds.catalog.page} className={styles.page}>
        <Input
          value={search}
          placeholder="Find an interface, system, process or plant"
          onChange={(event) => setSearch(event.currentTarget.value)}
          width={50}
        />
        {catalog.error && <ErrorNotice title="Cannot load the catalog" error={catalog.error} />}
        {!catalog.data && !catalog.error && <LoadingPlaceholder text="Loading the catalog" />}
        {catalog.data && (
          <table className={styles.table}>
            <thead>
              <tr>
                {[
                  'Interface',
                  'Flow',
                  'Process',
                  'Plants',
                  'Objectives',
                  'Owners',
                  'Depends on',
                  'Runbook',
                ].map((name) => (
                  <th key={name} scope="col">
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((entry) => (
                <InterfaceRow key={entry.id} entry={entry} catalog={catalog.data!} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </PluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(0.75, 1),
      textAlign: 'left',
      verticalAlign: 'top',
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
});
