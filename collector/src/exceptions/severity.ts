import type { Criticality } from '../catalog/schema.js';
import type { Severity } from './taxonomy.js';

const LADDER: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
const BASE: Record<Criticality, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** What business impact a severity is computed from. */
export interface ImpactFactors {
  criticality: Criticality;
  ageSeconds: number;
  objectiveSeconds: number;
  keysAffected: number;
  upstreamStuck: boolean;
}

/**
 * Severity follows business impact: the process's criticality, raised one
 * step each when the wait passes the interface's objective, when ten or more
 * business keys are affected, and when the same key is stuck upstream too.
 */
export function severityOf(f: ImpactFactors): Severity {
  let rank = BASE[f.criticality];
  if (f.objectiveSeconds > 0 && f.ageSeconds > f.objectiveSeconds) rank += 1;
  if (f.keysAffected >= 10) rank += 1;
  if (f.upstreamStuck) rank += 1;
  return LADDER[Math.min(rank, LADDER.length - 1)] as Severity;
}
