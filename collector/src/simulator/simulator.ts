import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.js';
import type { SimulatorConfig } from '../config/schema.js';
import { SimulationEngine } from './engine.js';
import { EventSender } from './sender.js';
import { startTargetServer } from './target-server.js';

const TICK_MS = 500;

export interface RunningSimulator {
  readonly sender: EventSender;
  /** Where the simulated target systems take replays, when they run. */
  readonly targetsUrl: string | null;
  stop(): Promise<void>;
}

/**
 * Drives the engine with the wall clock and posts its events to `config.url`;
 * also runs the simulated target systems that replays are delivered to.
 */
export async function startSimulator(
  config: SimulatorConfig & { url: string },
  catalog: Catalog,
  log: Logger,
  token = process.env.SYNCGOV_SIMULATOR_TOKEN,
): Promise<RunningSimulator> {
  const engine = new SimulationEngine(catalog, config, Date.now());
  const sender = new EventSender(config.url, log.child({ component: 'simulator' }), token);
  const targets = config.targets.enabled
    ? await startTargetServer({ ...config.targets, scenario: engine.scenario, log,
      report: (events) => sender.enqueue(events) })
    : null;
  const timer = setInterval(() => {
    sender.enqueue(engine.step(Date.now()));
    sender.flush().catch((err: unknown) => log.error({ err }, 'simulator flush failed'));
  }, TICK_MS);
  log.info({ url: config.url, scenario: config.scenario.kind,
    messagesPerMinute: config.messagesPerMinute, speed: config.speed }, 'simulator started');
  return {
    sender,
    targetsUrl: targets?.url ?? null,
    async stop() {
      clearInterval(timer);
      await targets?.close();
      await sender.flush();
      log.info({ sent: sender.sent }, 'simulator stopped');
    },
  };
}
