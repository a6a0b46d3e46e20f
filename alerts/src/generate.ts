import { alertmanagerConfig, type RoutingOptions } from './alertmanager/routing.js';
import type { Catalog } from './catalog.js';
import { renderAlertmanager, renderRuleFile } from './render.js';
import { backlogRules } from './rules/backlog.js';
import { collectorRules } from './rules/collector.js';
import { exceptionRules } from './rules/exceptions.js';
import { outageRules } from './rules/outage.js';
import { replayRules } from './rules/replay.js';
import { sloRules } from './rules/slo.js';
import { stalenessRules } from './rules/staleness.js';
import type { RuleFile } from './rules/types.js';

/** The catalog the committed files are generated from, relative to the repo root. */
export const EXAMPLE_CATALOG = 'collector/catalog/example.yaml';

/** Where the Alertmanager configuration is written, relative to alerts/. */
export const ALERTMANAGER_FILE = 'alertmanager/alertmanager.yml';

/** Every rules file of the pack, one per component. */
export function ruleFiles(catalog: Catalog): RuleFile[] {
  return [
    sloRules(catalog),
    backlogRules(catalog),
    stalenessRules(catalog),
    replayRules(catalog),
    exceptionRules(),
    outageRules(catalog),
    collectorRules(),
  ];
}

/** The path of a component's rules file, relative to alerts/. */
export function ruleFilePath(file: RuleFile): string {
  return `rules/${file.component}.rules.yml`;
}

/** Every generated file's content by its path relative to alerts/. */
export function generatedFiles(
  catalog: Catalog,
  catalogPath: string,
  routing?: RoutingOptions,
): Map<string, string> {
  const files = new Map<string, string>();

  for (const file of ruleFiles(catalog)) {
    files.set(ruleFilePath(file), renderRuleFile(file, catalogPath));
  }
  files.set(ALERTMANAGER_FILE, renderAlertmanager(alertmanagerConfig(catalog, routing), catalogPath));
  return files;
}
