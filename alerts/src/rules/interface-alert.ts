import type { Catalog, CatalogInterface } from '../catalog.js';
import { criticalityOf, ownerOf } from '../catalog.js';
import { pagingCriticalities, type Severity } from '../config.js';
import { anchor } from './promql.js';
import type { AlertingRule } from './types.js';

/** What differs between the alerts about one interface. */
export interface InterfaceAlertSpec {
  alert: string;
  expr: string;
  for: string;
  severity: Severity;
  ownerClass: string;
  summary: string;
  description: string;
}

/** Where an interface alert's description says the problem is. */
export const flowText =
  '{{ $labels.interface }} at plant {{ $labels.plant }} ({{ $labels.process }})';

/** An alert about one interface, owned and linked through the catalog. */
export function interfaceAlert(
  catalog: Catalog,
  itf: CatalogInterface,
  spec: InterfaceAlertSpec,
): AlertingRule {
  return {
    alert: spec.alert,
    expr: spec.expr,
    for: spec.for,
    // The interface label is in the series too; stating it keeps rules distinct.
    labels: {
      severity: spec.severity,
      owner: ownerOf(catalog, itf, spec.ownerClass),
      interface: itf.id,
    },
    annotations: {
      summary: spec.summary,
      description: spec.description,
      runbook_url: `${itf.runbook}#${anchor(spec.alert)}`,
    },
  };
}

/** Page for critical and high processes, ticket for the others. */
export function severityByCriticality(catalog: Catalog, itf: CatalogInterface): Severity {
  const criticality = criticalityOf(catalog, itf.process);
  return pagingCriticalities.includes(criticality) ? 'page' : 'ticket';
}
