import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTool, run } from '../../alerts/test/support/tools.js';
import { provisioningDir } from './paths.js';

const promtool = findTool('promtool');

describe('prometheus.yml', () => {
  it('passes promtool check config, with every generated rules file', () => {
    const config = resolve(provisioningDir, 'prometheus/prometheus.yml');
    const { status, output } = run(promtool as string, ['check', 'config', config]);

    expect(output).toContain('SUCCESS: 7 rule files found');
    expect(output).toContain('is valid prometheus config file syntax');
    expect(status, output).toBe(0);
  });
});
