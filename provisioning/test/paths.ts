import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const provisioningDir = resolve(import.meta.dirname, '..');
export const repoRoot = resolve(provisioningDir, '..');

/** A file of the shared reference data beside the repository. */
export function reference(path: string): string {
  const file = resolve(repoRoot, '../shared/reference', path);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: the shared reference data (schemas of plugin.json, dashboards and compose) is read from ../shared/reference beside this repository; put the project's shared/ folder there`);
  }
  return file;
}
