import { chromiumMissing } from './browser';
import { collectorMissing } from './collector';

/** Everything the browser test needs that a checkout alone does not have. */
export function missingRequirements(): string[] {
  return [chromiumMissing(), collectorMissing()].filter((problem) => problem !== undefined);
}
