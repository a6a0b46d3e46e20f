import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.js';
import type { SimulatorConfig } from '../config/schema.js';
import { SimulationEngine } from './engine.js';
import { EventSender } from './sender.js';

const TICK_MS = 500;

export interface RunningSimulator {
  readonly sender: EventSender;
  stop(): Promise<void>;
}

/** Drives the engine with the wall clock and posts its events to `config.url`. */
export function startSimulator(
  config: SimulatorConfig & { url: string },
  catalog: Catalog,
  log: Logger,
  token = process.env.SYNCGOV_SIMULATOR_TOKEN,
): RunningSimulator {
  const engine = new SimulationEngine(catalog, config, Date.now());
  const sender = new EventSender(config.url, log.child({ component: 'simulator' }), token);
  const timer = setInterval(() => {
    sender.enqueue(engine.step(Date.now()));
    sender.flush().catch((err: unknown) => log.error({ err }, 'simulator flush failed'));
  }, TICK_MS);
  log.info({ url: config.url, scenario: config.scenario.kind,
    messagesPerMinute: config.messagesPerMinute, speed: config.speed }, 'simulator started');
  return {
    sender,
    async stop() {
      clearInterval(timer);
      await sender.flush();
      log.info({ sent: sender.sent }, 'simulator stopped');
    },
  };
}
