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
  return `${Number((ratio * 100).toFixed(2))}%`;
}

function nameOf(list: ReadonlyArray<{ id: string; name: string }>, id: string): string {
  return list.find((item) => item.id === id)?.name ?? id;
}

/** Groups exception classes by the team that owns them. */
function byTeam(owners: Record<string, string>): Record<string, string[]> {
  const teams: Record<string, string[]> = {};
  for (const [kind, team] of Object.entries(owners)) {
    (teams[team] ??= []).push(kind.replaceAll('_', ' '));
  }
  return teams;
}

/** One interface of the catalog with everything needed to act on it. */
export function InterfaceRow({ entry, catalog }: Props) {
  const owners = { ...catalog.owners, ...entry.owners };
  const prerequisites = entry.prerequisites ?? [];
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
        {Object.entries(byTeam(owners)).map(([team, classes]) => (
          <div key={team}>
            <strong>{team}</strong>: {classes.join(', ')}
          </div>
        ))}
      </td>
      <td>
        {prerequisites.length === 0
          ? '–'
          : prerequisites.map((id) => (
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
