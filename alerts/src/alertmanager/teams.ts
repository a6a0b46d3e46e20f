import type { Catalog } from '../catalog.js';
import { platformOwner } from '../config.js';

/** Every team an alert can be owned by, sorted: catalog owners and the platform's. */
export function teamsOf(catalog: Catalog): string[] {
  const teams = new Set<string>([platformOwner]);

  for (const owner of Object.values(catalog.owners)) teams.add(owner);
  for (const system of catalog.systems) teams.add(system.owner);
  for (const itf of catalog.interfaces) {
    for (const owner of Object.values(itf.owners ?? {})) teams.add(owner);
  }
  return [...teams].sort();
}
