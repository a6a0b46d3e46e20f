import { PanelPlugin } from '@grafana/data';

import { ImpactMatrixPanel } from './ImpactMatrixPanel';
import { DEFAULT_OPTIONS, type MatrixOptions } from './options';

export const plugin = new PanelPlugin<MatrixOptions>(ImpactMatrixPanel).setPanelOptions((builder) =>
  builder
    .addNumberInput({
      path: 'mediumAt',
      name: 'Medium from',
      defaultValue: DEFAULT_OPTIONS.mediumAt,
    })
    .addNumberInput({ path: 'highAt', name: 'High from', defaultValue: DEFAULT_OPTIONS.highAt })
    .addNumberInput({
      path: 'criticalAt',
      name: 'Critical from',
      description: 'Used when the query keeps no severity label',
      defaultValue: DEFAULT_OPTIONS.criticalAt,
    })
    .addTextInput({
      path: 'unitLabel',
      name: 'Word after the value',
      defaultValue: DEFAULT_OPTIONS.unitLabel,
    })
    .addBooleanSwitch({
      path: 'drillToApp',
      name: 'Click opens the work queue',
      defaultValue: DEFAULT_OPTIONS.drillToApp,
    })
    .addBooleanSwitch({
      path: 'large',
      name: 'Large type (NOC)',
      defaultValue: DEFAULT_OPTIONS.large,
    })
);
