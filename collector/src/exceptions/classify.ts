import { createHash } from 'node:crypto';
import type { Catalog } from '../catalog/catalog.js';
import type { Classification } from '../store/store.js';
import { DEFAULT_RULES, ruleMatches, type ClassificationRule, type ErrorSignal } from './rules.js';
import { severityOf } from './severity.js';
import { isExceptionClass, type ExceptionClass } from './taxonomy.js';

/** What PRODUCT.md's taxonomy says should happen, per class. */
export const RECOMMENDED_ACTIONS: Record<ExceptionClass, string> = {
  transient: 'retry automatically with backoff; escalate past the attempt or age threshold',
  invalid_master_data: 'correct the source record, then reprocess under control',
  mapping: 'fix the mapping, then replay',
  sequence_dependency: 'hold until the prerequisite completes, then release in order',
  posting_rule: 'business validation review before any replay',
  upstream_outage: 'pause or queue; do not replay into the outage; drain after recovery',
  duplicate: 'never replay; confirm the target has the document and resolve',
  unknown: 'classify the exception, then follow its class\'s remediation path',
};

/** How long an exception may stay open when the catalog does not say. */
export const DEFAULT_RESOLUTION_SECONDS = 4 * 3600;

/** The failure a classification is made from. */
export interface FailureSignal extends ErrorSignal {
  interfaceId: string;
  categoryHint: string | null;
}

/**
 * Puts a failure into the taxonomy. The interface's own rules come first,
 * then the middleware's category hint, then the shipped rules.
 */
export function classify(
  catalog: Catalog,
  failure: FailureSignal,
  at = Date.now(),
): Classification {
  const cls = classOf(catalog, failure);
  const itf = catalog.interfaces.get(failure.interfaceId);
  const criticality = itf && catalog.processes.get(itf.process)?.criticality;
  return {
    class: cls,
    owner: itf ? catalog.ownerFor(itf.id, cls) : catalog.spec.owners[cls],
    severity: severityOf({ criticality: criticality ?? 'medium', ageSeconds: 0,
      objectiveSeconds: itf?.latencyObjectiveSeconds ?? 0, keysAffected: 1,
      upstreamStuck: false }),
    fingerprint: fingerprint(failure, cls),
    recommendedAction: RECOMMENDED_ACTIONS[cls],
    slaDeadline: at + (itf?.resolutionObjectiveSeconds ?? DEFAULT_RESOLUTION_SECONDS) * 1000,
    hold: cls === 'sequence_dependency' ? 'prerequisite' : null,
  };
}

function classOf(catalog: Catalog, failure: FailureSignal): ExceptionClass {
  const own = interfaceRules(catalog, failure.interfaceId);
  const byOwnRule = own.find((rule) => ruleMatches(rule, failure));
  if (byOwnRule) return byOwnRule.class;
  if (failure.categoryHint !== null && isExceptionClass(failure.categoryHint)) {
    return failure.categoryHint;
  }
  return DEFAULT_RULES.find((rule) => ruleMatches(rule, failure))?.class ?? 'unknown';
}

function interfaceRules(catalog: Catalog, interfaceId: string): ClassificationRule[] {
  const rules = catalog.interfaces.get(interfaceId)?.classification ?? [];
  return rules.map((rule) => ({
    class: rule.class,
    ...(rule.code === undefined ? {} : { code: new RegExp(rule.code, 'i') }),
    ...(rule.message === undefined ? {} : { message: new RegExp(rule.message, 'i') }),
    ...(rule.httpStatus === undefined ? {} : { httpStatus: rule.httpStatus }),
  }));
}

// Numbers and ids vary between repeats of one problem; the wording does not.
function fingerprint(failure: FailureSignal, cls: ExceptionClass): string {
  const wording = (failure.message ?? '').replace(/[0-9]+/g, '#').toLowerCase().slice(0, 200);
  const text = [failure.interfaceId, cls, failure.code ?? '', wording].join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
