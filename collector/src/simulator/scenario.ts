import type { ScenarioConfig } from '../config/schema.js';

/**
 * When the configured disturbance is on. Timings are divided by `speed`, so a
 * test can play the whole story in minutes; message latencies are not, so
 * alert thresholds keep their meaning.
 */
export class ScenarioClock {
  private readonly startMs: number;
  private readonly durationMs: number;
  private readonly periodMs: number;

  constructor(
    readonly config: ScenarioConfig,
    speed: number,
    private readonly origin: number,
  ) {
    this.startMs = (config.startAfterSeconds * 1000) / speed;
    this.durationMs = (config.durationSeconds * 1000) / speed;
    this.periodMs = 2 * this.startMs + this.durationMs;
  }

  /** The end of the disturbance in force at `now`, or null when none is. */
  activeUntil(now: number): number | null {
    if (this.config.kind === 'steady') return null;
    const elapsed = now - this.origin;
    if (elapsed < 0 || (!this.config.repeat && elapsed >= this.periodMs)) return null;
    const cycle = this.config.repeat && this.periodMs > 0 ? elapsed % this.periodMs : elapsed;
    if (cycle < this.startMs || cycle >= this.startMs + this.durationMs) return null;
    return now - cycle + this.startMs + this.durationMs;
  }

  /** Until when the reference scenario holds messages of this flow, or null. */
  delayedUntil(interfaceId: string, plant: string, now: number): number | null {
    const c = this.config;
    if (c.kind !== 'reference' || c.interface !== interfaceId || c.plant !== plant) return null;
    return this.activeUntil(now);
  }

  /** Until when `system` is down at `plant` in the outage scenario, or null. */
  downUntil(system: string, plant: string, now: number): number | null {
    const c = this.config;
    if (c.kind !== 'outage' || c.system !== system || c.plant !== plant) return null;
    return this.activeUntil(now);
  }
}
