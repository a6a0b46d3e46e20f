import path from 'node:path';

import { build } from 'esbuild';

/**
 * Bundles the harness page: the real React, @grafana/ui, @grafana/data and
 * @grafana/runtime, which the built plugin modules then borrow through AMD.
 */
export async function buildHarness(outDir: string): Promise<void> {
  await build({
    entryPoints: [path.join(import.meta.dirname, 'boot.tsx')],
    outdir: outDir,
    entryNames: 'boot',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    sourcemap: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: {
      '.svg': 'dataurl',
      '.png': 'dataurl',
      '.woff': 'dataurl',
      '.woff2': 'dataurl',
      '.ttf': 'dataurl',
    },
  });
}
