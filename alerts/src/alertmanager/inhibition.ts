import type { Catalog, CatalogInterface } from '../catalog.js';
import { OUTAGE_ALERT } from '../rules/outage.js';

/** An Alertmanager inhibit rule in the matcher syntax of 0.22 and later. */
export interface InhibitRule {
  source_matchers: string[];
  target_matchers: string[];
  equal: string[];
}

/** Interface alerts that a problem further upstream explains. */
export const SYMPTOM_ALERTS = [
  'SyncgovInterfaceSuccessBudgetBurn',
  'SyncgovInterfaceLatencyBudgetBurn',
  'SyncgovInterfaceMessagesTooOld',
  'SyncgovInterfaceBacklogGrowing',
  'SyncgovInterfaceNoRecentSuccess',
];

const symptoms = `alertname=~"${SYMPTOM_ALERTS.join('|')}"`;

/**
 * Upstream problems hold back the alerts they cause at the same plant: a
 * system outage those of every flow into, out of or behind it; a flow's
 * own trouble those of the flows that need it first. Page alerts hold back
 * the ticket alerts of the same rule. Every alert carries `plant`.
 */
export function inhibitRules(catalog: Catalog): InhibitRule[] {
  return [
    ...catalog.systems.flatMap((s) => outageInhibition(catalog, s.id)),
    ...catalog.interfaces.flatMap((i) => dependencyInhibition(catalog, i)),
    pageOverTicket(),
  ];
}

function outageInhibition(catalog: Catalog, system: string): InhibitRule[] {
  const touching = catalog.interfaces.filter((i) => i.source === system || i.target === system);
  const affected = withDependents(catalog, touching.map((i) => i.id));
  if (affected.length === 0) return [];

  return [
    {
      source_matchers: [`alertname="${OUTAGE_ALERT}"`, `system="${system}"`],
      target_matchers: [symptoms, `interface=~"${affected.join('|')}"`],
      equal: ['plant'],
    },
  ];
}

function dependencyInhibition(catalog: Catalog, itf: CatalogInterface): InhibitRule[] {
  const dependents = withDependents(catalog, [itf.id]).filter((id) => id !== itf.id);
  if (dependents.length === 0) return [];

  return [
    {
      source_matchers: [symptoms, `interface="${itf.id}"`],
      target_matchers: [symptoms, `interface=~"${dependents.join('|')}"`],
      equal: ['plant'],
    },
  ];
}

// Both sides are interface alerts, so every compared label is present.
function pageOverTicket(): InhibitRule {
  return {
    source_matchers: [symptoms, 'severity="page"'],
    target_matchers: [symptoms, 'severity="ticket"'],
    equal: ['alertname', 'interface', 'plant', 'process'],
  };
}

/** The given interfaces and every interface that needs one of them first, sorted. */
export function withDependents(catalog: Catalog, ids: string[]): string[] {
  const found = new Set(ids);
  let grew = true;

  while (grew) {
    grew = false;
    for (const itf of catalog.interfaces) {
      const needsFound = (itf.prerequisites ?? []).some((p) => found.has(p));
      if (needsFound && !found.has(itf.id)) {
        found.add(itf.id);
        grew = true;
      }
    }
  }
  return [...found].sort();
}
