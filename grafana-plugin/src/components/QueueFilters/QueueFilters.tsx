import { css } from '@emotion/css';
import { type GrafanaTheme2, type SelectableValue } from '@grafana/data';
import { Field, Input, Select, useStyles2 } from '@grafana/ui';
import { useState } from 'react';

import {
  type Catalog,
  EXCEPTION_CLASSES,
  EXCEPTION_STATES,
  type ExceptionFilter,
} from '../../api/types';
import { classLabel, stateLabel } from '../../display/format';
import { testIds } from '../testIds';

type SelectName = 'plant' | 'process' | 'interface' | 'class' | 'owner' | 'state';

interface Props {
  catalog: Catalog | undefined;
  filter: ExceptionFilter;
  onChange: (filter: ExceptionFilter) => void;
}

function options(catalog: Catalog | undefined): Record<SelectName, Array<SelectableValue<string>>> {
  const owners = new Set(Object.values(catalog?.owners ?? {}));
  catalog?.interfaces.forEach((entry) =>
    Object.values(entry.owners ?? {}).forEach((team) => owners.add(team))
  );
  return {
    plant: (catalog?.plants ?? []).map((plant) => ({ value: plant.id, label: plant.name })),
    process: (catalog?.processes ?? []).map((process) => ({
      value: process.id,
      label: process.name,
    })),
    interface: (catalog?.interfaces ?? []).map((entry) => ({ value: entry.id, label: entry.name })),
    class: EXCEPTION_CLASSES.map((value) => ({ value, label: classLabel(value) })),
    owner: [...owners].sort().map((team) => ({ value: team, label: team })),
    state: EXCEPTION_STATES.map((value) => ({ value, label: stateLabel(value) })),
  };
}

const SELECTS: Array<[SelectName, string]> = [
  ['plant', 'Plant'],
  ['process', 'Process'],
  ['interface', 'Interface'],
  ['class', 'Class'],
  ['owner', 'Owner'],
  ['state', 'State'],
];

/** The work queue's filters; each change goes to the URL, so views can be shared. */
export function QueueFilters({ catalog, filter, onChange }: Props) {
  const styles = useStyles2(getStyles);
  const choices = options(catalog);
  const [key, setKey] = useState(filter.businessKey ?? '');
  const set = (name: keyof ExceptionFilter, value: string | undefined) =>
    onChange({ ...filter, [name]: value || undefined });

  return (
    <div className={styles.row}>
      {SELECTS.map(([name, label]) => (
        <Field key={name} label={label} className={styles.field}>
          <div data-testid={testIds.exceptions.filter(name)}>
            <Select
              inputId={`syncgov-filter-${name}`}
              options={choices[name]}
              value={filter[name] ?? null}
              isClearable
              placeholder="Any"
              onChange={(choice) => set(name, choice?.value)}
            />
          </div>
        </Field>
      ))}
      <Field label="Business key" description="type:value, for example productionOrder:1000123">
        <Input
          value={key}
          placeholder="productionOrder:1000123"
          onChange={(event) => setKey(event.currentTarget.value)}
          onBlur={() => set('businessKey', key.trim())}
          onKeyDown={(event) => event.key === 'Enter' && set('businessKey', key.trim())}
          data-testid={testIds.exceptions.keySearch}
        />
      </Field>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  row: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1), alignItems: 'flex-end' }),
  field: css({ minWidth: 160 }),
});
