import { describe, expect, it } from 'vitest';
import { readCatalog } from '../src/catalog.js';
import { sloRules } from '../src/rules/slo.js';
import { isAlertingRule, type AlertingRule, type RecordingRule } from '../src/rules/types.js';
import { committedAlerts, exampleCatalog, ruleFilePaths } from './support/files.js';
import { findTool, run } from './support/tools.js';

/**
 * Labels an alert gets from its expression: a `by (...)` clause, the SLO
 * ratios (recorded by interface, plant and process) or `up`'s target labels.
 */
function labelsFromExpr(expr: string): string[] {
  const by = [...expr.matchAll(/by \(([^)]*)\)/g)].flatMap((m) => (m[1] ?? '').split(','));
  const slo = expr.startsWith('slo:sli_error:') ? ['interface', 'plant', 'process'] : [];
  const up = /^(absent\()?up\{/.test(expr) ? ['job', 'instance'] : [];
  return [...by.map((l) => l.trim()), ...slo, ...up];
}

describe('every alert', () => {
  const alerts = committedAlerts();

  it.each(alerts.map((a) => [a.alert, a] as const))('%s names severity, owner, plant, process and its runbook', (_, alert) => {
    const labels = [...Object.keys(alert.labels), ...labelsFromExpr(alert.expr)];

    expect(['page', 'ticket']).toContain(alert.labels.severity);
    expect(labels).toEqual(expect.arrayContaining(['owner', 'plant', 'process']));
    expect(alert.annotations.summary).toMatch(/^[A-Z].*\.$/);
    expect(alert.annotations.description).toContain('{{ $labels.');
    expect(alert.annotations.runbook_url).toMatch(/^https:\/\/.+#syncgov[a-z]+$/);
  });

  it('has a name that says component and symptom', () => {
    const names = new Set(alerts.map((a) => a.alert));

    for (const name of names) expect(name).toMatch(/^Syncgov(Interface|Collector|System|Exceptions)[A-Z]\w+$/);
  });
});

describe('SLO rules', () => {
  const file = sloRules(exampleCatalog());
  const rules = file.groups.flatMap((g) => g.rules);
  const recordings = rules.filter((r): r is RecordingRule => !isAlertingRule(r));
  const alerts = rules.filter(isAlertingRule);

  it('are recorded as level:metric:operations', () => {
    for (const rule of recordings) expect(rule.record).toMatch(/^slo:[a-z_]+:[a-z0-9_]+$/);
  });

  it('cover every interface of the catalog with a success and a latency SLO', () => {
    const slos = new Set(alerts.map((a) => a.labels.slo));

    expect(slos.size).toBe(16);
    expect(slos).toContain('mes-erp-completion-success');
    expect(slos).toContain('qms-erp-quality-result-latency');
  });

  it('alert at the burn factor times the budget left by the objective', () => {
    const burn = (slo: string, long: string): AlertingRule | undefined =>
      alerts.find((a) => a.labels.slo === slo && a.labels.long === long);

    expect(burn('mes-erp-completion-success', '1h')?.expr).toContain('> 0.072');
    expect(burn('procurement-erp-supplier-master-success', '6h')?.expr).toContain('> 0.12');
    expect(burn('mes-erp-completion-latency', '3d')?.expr).toContain('> 0.01');
  });

  it('measure latency against the bucket at exactly the interface objective', () => {
    const ratio = recordings.find(
      (r) => r.record === 'slo:sli_error:ratio_rate5m' && r.labels?.slo === 'erp-wms-replenishment-latency',
    );

    expect(ratio?.expr).toContain('le="300"');
  });
});

describe('catalog input', () => {
  it('fails naming the file and field when an objective is missing', () => {
    expect(() => readCatalog(`${import.meta.dirname}/fixtures/catalog-without-objective.yaml`)).toThrow(
      /catalog .*catalog-without-objective\.yaml: interfaces\[0\]: successObjective must be a number/,
    );
  });
});

const promtool = findTool('promtool');

describe('promtool check rules', () => {
  it.each(ruleFilePaths())('accepts %s without lint findings', (path) => {
    const { status, output } = run(promtool as string, ['check', 'rules', path]);

    expect(output).toContain('SUCCESS');
    expect(status, output).toBe(0);
  });
});
