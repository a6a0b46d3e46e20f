import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The grafana-plugin folder. */
export const pluginRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The repository root, one level above the plugin. */
export const repoRoot = path.resolve(pluginRoot, '..');

/** Shared reference data lives beside the repository, never inside it. */
const referenceDir = path.resolve(repoRoot, '..', 'shared', 'reference');

/** A file of the shared reference data; a clear failure when it is not there. */
export function referenceFile(...parts: string[]): string {
  const file = path.join(referenceDir, ...parts);
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: the shared reference data (schemas of plugin.json, dashboards and compose) is read from ../shared/reference beside this repository; put the project's shared/ folder there`
    );
  }
  return file;
}
