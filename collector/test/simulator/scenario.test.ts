import { describe, expect, it } from 'vitest';
import type { ScenarioConfig } from '../../src/config/schema.js';
import { ScenarioClock } from '../../src/simulator/scenario.js';

const ORIGIN = Date.parse('2026-03-02T06:00:00.000Z');

function scenario(overrides: Partial<ScenarioConfig> = {}): ScenarioConfig {
  return {
    kind: 'reference',
    plant: 'cz-pls',
    interface: 'mes-erp-completion',
    system: 'erp',
    startAfterSeconds: 60,
    durationSeconds: 120,
    repeat: false,
    ...overrides,
  };
}

describe('ScenarioClock.activeUntil', () => {
  const clock = new ScenarioClock(scenario(), 1, ORIGIN);

  it('is off before the window and returns the window end inside it', () => {
    expect(clock.activeUntil(ORIGIN - 1)).toBeNull();
    expect(clock.activeUntil(ORIGIN)).toBeNull();
    expect(clock.activeUntil(ORIGIN + 59_999)).toBeNull();
    expect(clock.activeUntil(ORIGIN + 60_000)).toBe(ORIGIN + 180_000);
    expect(clock.activeUntil(ORIGIN + 179_999)).toBe(ORIGIN + 180_000);
  });

  it('ends exactly at the window end and stays off without repeat', () => {
    expect(clock.activeUntil(ORIGIN + 180_000)).toBeNull();
    expect(clock.activeUntil(ORIGIN + 300_000)).toBeNull();
    expect(clock.activeUntil(ORIGIN + 240_000 + 60_000)).toBeNull();
    expect(clock.activeUntil(ORIGIN + 10 * 240_000 + 100_000)).toBeNull();
  });

  it('repeats the cycle of quiet, disturbance and quiet again when asked', () => {
    // One cycle: 60 s quiet, 120 s disturbed, 60 s quiet: 240 s.
    const repeating = new ScenarioClock(scenario({ repeat: true }), 1, ORIGIN);

    expect(repeating.activeUntil(ORIGIN + 239_999)).toBeNull();
    expect(repeating.activeUntil(ORIGIN + 240_000 + 59_999)).toBeNull();
    expect(repeating.activeUntil(ORIGIN + 240_000 + 60_000)).toBe(ORIGIN + 420_000);
    expect(repeating.activeUntil(ORIGIN + 240_000 + 179_999)).toBe(ORIGIN + 420_000);
    expect(repeating.activeUntil(ORIGIN + 240_000 + 180_000)).toBeNull();
    expect(repeating.activeUntil(ORIGIN + 7 * 240_000 + 100_000))
      .toBe(ORIGIN + 7 * 240_000 + 180_000);
  });

  it('divides the timings by the speed', () => {
    const fast = new ScenarioClock(scenario({ repeat: true }), 4, ORIGIN);

    expect(fast.activeUntil(ORIGIN + 14_999)).toBeNull();
    expect(fast.activeUntil(ORIGIN + 15_000)).toBe(ORIGIN + 45_000);
    expect(fast.activeUntil(ORIGIN + 44_999)).toBe(ORIGIN + 45_000);
    expect(fast.activeUntil(ORIGIN + 45_000)).toBeNull();
    expect(fast.activeUntil(ORIGIN + 60_000 + 15_000)).toBe(ORIGIN + 105_000);
  });

  it('is never on in the steady scenario', () => {
    const steady = new ScenarioClock(scenario({ kind: 'steady', repeat: true }), 1, ORIGIN);

    expect(steady.activeUntil(ORIGIN + 60_000)).toBeNull();
    expect(steady.activeUntil(ORIGIN + 100_000)).toBeNull();
  });
});

describe('ScenarioClock.delayedUntil', () => {
  const clock = new ScenarioClock(scenario(), 1, ORIGIN);
  const during = ORIGIN + 100_000;

  it('holds only the configured interface at the configured plant', () => {
    expect(clock.delayedUntil('mes-erp-completion', 'cz-pls', during)).toBe(ORIGIN + 180_000);
    expect(clock.delayedUntil('mes-erp-completion', 'de-stu', during)).toBeNull();
    expect(clock.delayedUntil('mes-erp-consumption', 'cz-pls', during)).toBeNull();
    expect(clock.delayedUntil('mes-erp-completion', 'cz-pls', ORIGIN + 180_000)).toBeNull();
  });

  it('takes no system down in the reference scenario', () => {
    expect(clock.downUntil('erp', 'cz-pls', during)).toBeNull();
    expect(clock.downUntil('mes', 'cz-pls', during)).toBeNull();
  });
});

describe('ScenarioClock.downUntil', () => {
  const clock = new ScenarioClock(scenario({ kind: 'outage' }), 1, ORIGIN);
  const during = ORIGIN + 100_000;

  it('takes only the configured system down at the configured plant', () => {
    expect(clock.downUntil('erp', 'cz-pls', during)).toBe(ORIGIN + 180_000);
    expect(clock.downUntil('erp', 'de-stu', during)).toBeNull();
    expect(clock.downUntil('mes', 'cz-pls', during)).toBeNull();
    expect(clock.downUntil('erp', 'cz-pls', ORIGIN + 59_999)).toBeNull();
  });

  it('delays no interface in the outage scenario', () => {
    expect(clock.delayedUntil('mes-erp-completion', 'cz-pls', during)).toBeNull();
  });
});
