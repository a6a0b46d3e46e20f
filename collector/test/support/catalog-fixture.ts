import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { CatalogSpec, InterfaceSpec, ReplayTargetSpec } from '../../src/catalog/schema.js';
import { EXAMPLE_CATALOG } from '../../src/config/defaults.js';

/** A temporary copy of the example catalog, edited for one test. */
export interface CatalogFixture {
  path: string;
  spec: CatalogSpec;
  remove(): void;
}

/**
 * Writes the example catalog with every interface's replay target replaced by
 * `replay` (or removed when null), then applies per-interface overrides.
 */
export function writeCatalogFixture(replay: ReplayTargetSpec | null,
  overrides: Record<string, Partial<InterfaceSpec>> = {}): CatalogFixture {
  const spec = parse(readFileSync(EXAMPLE_CATALOG, 'utf8')) as CatalogSpec;
  spec.interfaces = spec.interfaces.map((itf) => {
    const { replay: _old, ...rest } = itf;
    const next: InterfaceSpec = replay === null ? rest : { ...rest, replay };
    return { ...next, ...(overrides[itf.id] ?? {}) };
  });
  const dir = mkdtempSync(join(tmpdir(), 'syncgov-catalog-'));
  const path = join(dir, 'catalog.yaml');
  writeFileSync(path, stringify(spec));
  return { path, spec, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An HTTP replay target spec for a URL. */
export function httpReplay(url: string, timeoutMs?: number): ReplayTargetSpec {
  return { http: { method: 'POST', url, ...(timeoutMs === undefined ? {} : { timeoutMs }) } };
}
