import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { seconds } from '../src/rules/promql.js';
import type { AlertingRule } from '../src/rules/types.js';
import { committedAlerts, promtoolTestPaths } from './support/files.js';
import { findTool, run } from './support/tools.js';

interface ExpectedAlert {
  exp_labels: Record<string, string>;
  exp_annotations?: Record<string, string>;
}

interface AlertCase {
  eval_time: string;
  alertname: string;
  exp_alerts?: ExpectedAlert[];
}

interface TestGroup {
  name: string;
  alert_rule_test?: AlertCase[];
}

function testGroups(): TestGroup[] {
  return promtoolTestPaths().flatMap((path) => {
    const doc = parse(readFileSync(path, 'utf8'), { maxAliasCount: -1 }) as { tests: TestGroup[] };
    return doc.tests;
  });
}

function matches(rule: AlertingRule, alert: ExpectedAlert): boolean {
  return Object.entries(rule.labels).every(([k, v]) => alert.exp_labels[k] === v);
}

/** Whether some test sees the rule fire at E and not at E - 1m. */
function boundaryTested(rule: AlertingRule, groups: TestGroup[]): boolean {
  return groups.some((group) => {
    const cases = (group.alert_rule_test ?? []).filter((c) => c.alertname === rule.alert);
    const at = (t: number): AlertCase | undefined => cases.find((c) => seconds(c.eval_time) === t);

    return cases.some((c) => {
      const before = at(seconds(c.eval_time) - 60);
      const fires = (c.exp_alerts ?? []).some((a) => matches(rule, a));
      return fires && before !== undefined && !(before.exp_alerts ?? []).some((a) => matches(rule, a));
    });
  });
}

/** One rule of each alert name and `for:` duration; rules that differ only by interface share their test. */
function distinctBoundaries(alerts: AlertingRule[]): Map<string, AlertingRule[]> {
  const byBoundary = new Map<string, AlertingRule[]>();

  for (const alert of alerts) {
    const key = `${alert.alert} for ${alert.for ?? '0m'}`;
    byBoundary.set(key, [...(byBoundary.get(key) ?? []), alert]);
  }
  return byBoundary;
}

describe('rule tests', () => {
  const groups = testGroups();

  it.each([...distinctBoundaries(committedAlerts())])(
    '%s is checked one minute before and at its boundary',
    (_, rules) => {
      expect(rules.some((rule) => boundaryTested(rule, groups))).toBe(true);
    },
  );

  it('expect full labels and every annotation of each firing alert', () => {
    const expected = groups.flatMap((g) => (g.alert_rule_test ?? []).flatMap((c) => c.exp_alerts ?? []));

    for (const alert of expected) {
      expect(Object.keys(alert.exp_labels)).toEqual(
        expect.arrayContaining(['severity', 'owner', 'plant', 'process']),
      );
      expect(Object.keys(alert.exp_annotations ?? {}).sort()).toEqual(['description', 'runbook_url', 'summary']);
    }
  });
});

const promtool = findTool('promtool');

describe('promtool test rules', () => {
  it.each(promtoolTestPaths().map((p) => [basename(p), p]))('%s passes', (_, path) => {
    const { status, output } = run(promtool as string, ['test', 'rules', path]);

    expect(output).toContain('SUCCESS');
    expect(status, output).toBe(0);
  });
});
