import type { Catalog } from '../catalog/catalog.js';
import type { FlowLabels } from '../store/store.js';

/** The one label value under which ids the catalog does not know are counted. */
export const UNKNOWN_LABEL = '_unknown';

export type LabelWarning = 'unknown_interface' | 'unknown_plant' | 'plant_not_served';

export interface ResolvedLabels {
  labels: FlowLabels;
  warnings: LabelWarning[];
}

/**
 * Maps an event's interface and plant to label values. Only catalog ids
 * become label values, so a typo in middleware can never create series.
 */
export function resolveLabels(catalog: Catalog, interfaceId: string, plantId: string):
  ResolvedLabels {
  const itf = catalog.interfaces.get(interfaceId);
  const plantKnown = catalog.plants.has(plantId);
  const warnings: LabelWarning[] = [];
  if (!itf) warnings.push('unknown_interface');
  if (!plantKnown) warnings.push('unknown_plant');
  if (itf && plantKnown && !itf.plants.includes(plantId)) warnings.push('plant_not_served');
  return {
    labels: {
      interface: itf ? itf.id : UNKNOWN_LABEL,
      plant: plantKnown ? plantId : UNKNOWN_LABEL,
      process: itf ? itf.process : UNKNOWN_LABEL,
    },
    warnings,
  };
}
