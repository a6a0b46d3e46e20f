import { resolve } from 'node:path';

export const provisioningDir = resolve(import.meta.dirname, '..');
export const repoRoot = resolve(provisioningDir, '..');

/** A file of the shared reference data beside the repository. */
export function reference(path: string): string {
  return resolve(repoRoot, '../shared/reference', path);
}
