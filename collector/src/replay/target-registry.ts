import type { InterfaceSpec } from '../catalog/schema.js';
import { AmqpTarget } from './amqp-target.js';
import type { DeliveryTarget } from './delivery.js';
import { HttpTarget } from './http-target.js';

/** One delivery target per interface, kept open across replays. */
export class TargetRegistry {
  private readonly targets = new Map<string, { spec: string; target: DeliveryTarget }>();

  constructor(private readonly timeoutMs: number) {}

  /** The interface's replay target, or null when the catalog declares none. */
  forInterface(itf: InterfaceSpec | undefined): DeliveryTarget | null {
    if (!itf?.replay) return null;
    const spec = JSON.stringify(itf.replay);
    const known = this.targets.get(itf.id);
    if (known?.spec === spec) return known.target;
    if (known?.target instanceof AmqpTarget) void known.target.close();

    const target = itf.replay.http
      ? new HttpTarget(itf.replay.http, this.timeoutMs)
      : new AmqpTarget(itf.replay.amqp as NonNullable<InterfaceSpec['replay']>['amqp'] & object,
        this.timeoutMs);
    this.targets.set(itf.id, { spec, target });
    return target;
  }

  async close(): Promise<void> {
    for (const { target } of this.targets.values()) {
      if (target instanceof AmqpTarget) await target.close();
    }
    this.targets.clear();
  }
}
