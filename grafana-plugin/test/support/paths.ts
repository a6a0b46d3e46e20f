import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The grafana-plugin folder. */
export const pluginRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The repository root, one level above the plugin. */
export const repoRoot = path.resolve(pluginRoot, '..');

/** Shared reference data lives beside the repository, never inside it. */
export const referenceDir = path.resolve(repoRoot, '..', 'shared', 'reference');
