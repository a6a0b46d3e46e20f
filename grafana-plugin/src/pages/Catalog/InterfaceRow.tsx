import { TextLink } from '@grafana/ui';

import { type Catalog, type CatalogInterface } from '../../api/types';
import { testIds } from '../../components/testIds';
import { formatAge } from '../../display/format';
import { catalogLink, exceptionsLink } from '../../links/links';

interface Props {
  entry: CatalogInterface;
  catalog: Catalog;
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio >= 0.999 ? 2 : 1)}%`;
}

function nameOf(list: ReadonlyArray<{ id: string; name: string }>, id: string): string {
  return list.find((item) => item.id === id)?.name ?? id;
}

/** One interface of the catalog with everything needed to act on it. */
export function InterfaceRow({ entry, catalog }: Props) {
  return (
    <tr data-testid={testIds.catalog.row(entry.id)}>
      <td>
        <strong>{entry.name}</strong>
        <div>
          <TextLink href={exceptionsLink({ interface: entry.id })} inline>
            open exceptions
          </TextLink>
        </div>
      </td>
      <td>
        {entry.source} → {entry.target}
        <div>
          {entry.pattern}, {entry.domain}
        </div>
      </td>
      <td>{nameOf(catalog.processes, entry.process)}</td>
      <td>{entry.plants.map((plant) => nameOf(catalog.plants, plant)).join(', ')}</td>
      <td>
        latency ≤ {formatAge(entry.latencyObjectiveSeconds)}
        <div>success ≥ {percent(entry.successObjective)}</div>
      </td>
      <td>
        {Object.entries(entry.owners).map(([kind, team]) => (
          <div key={kind}>
            {kind.replaceAll('_', ' ')}: {team}
          </div>
        ))}
      </td>
      <td>
        {entry.prerequisites.length === 0
          ? '–'
          : entry.prerequisites.map((id) => (
              <div key={id}>
                <TextLink href={catalogLink(id)} inline>
                  {id}
                </TextLink>
              </div>
            ))}
      </td>
      <td>
        {entry.runbook ? (
          <TextLink href={entry.runbook} external inline>
            runbook
          </TextLink>
        ) : (
          '–'
        )}
      </td>
    </tr>
  );
}
