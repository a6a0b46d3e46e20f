// Lifecycle event batches for the benchmark: realistic, seeded, and cheap to
// produce at tens of thousands of events per second, so that the load
// generator never becomes what is measured.
//
// Batch n carries 4 stages of 4 message groups: receipts of group n,
// transformations of group n-1, sends of group n-2, and deliveries or
// failures of group n-3. Every message goes through its lifecycle across
// four consecutive batches under a message id used nowhere else in the run.
import { loadCatalogFile } from '../dist/catalog/load.js';
import { EXAMPLE_CATALOG } from '../dist/config/defaults.js';
import { injectedError } from '../dist/simulator/failures.js';
import { modelFor } from '../dist/simulator/flow-models.js';
import { Random } from '../dist/simulator/random.js';

const STAGES = ['received', 'transformed', 'sent', 'final'];
const INJECTABLE = ['transient', 'invalid_master_data', 'mapping', 'sequence_dependency',
  'posting_rule', 'upstream_outage', 'duplicate'];
const FAILURE_RATIO = 0.05;
const SHAPES = 256;
const ID_SLOT = '"@@message-id@@"';

/**
 * Returns `next()`, which gives the JSON text of the next batch.
 * @param {{ seed: number, batchEvents: number, runTag: string, baseTime: number }} options
 */
export async function batchSource({ seed, batchEvents, runTag, baseTime }) {
  if (batchEvents % STAGES.length !== 0) {
    throw new Error(`batchEvents must be a multiple of ${STAGES.length}, got ${batchEvents}`);
  }
  const catalog = await loadCatalogFile(EXAMPLE_CATALOG);
  const perGroup = batchEvents / STAGES.length;
  const shapes = buildShapes(catalog, new Random(seed), perGroup, baseTime);
  let n = 0;
  return {
    next() {
      const parts = [];
      STAGES.forEach((_, stage) => {
        // Offset so that ids stay positive; the first three batches carry
        // later stages of messages whose receipt was never sent.
        const group = n - stage + STAGES.length - 1;
        const shape = shapes[((group % SHAPES) + SHAPES) % SHAPES];
        shape.forEach((message, slot) => {
          const [head, tail] = message[stage];
          parts.push(`${head}"${runTag}-${group}-${slot}"${tail}`);
        });
      });
      n += 1;
      return `{"events":[${parts.join(',')}]}`;
    },
    get produced() {
      return n;
    },
  };
}

/** Per shape and message: the JSON of each stage, split where the id goes. */
function buildShapes(catalog, rng, perGroup, baseTime) {
  const flows = catalog.flows().map(({ interface: itf, plant }) => ({ itf, plant: plant.id }));
  const books = new Map();
  const shapes = [];
  for (let s = 0; s < SHAPES; s += 1) {
    const groupTime = baseTime + s * 100;
    const shape = [];
    for (let slot = 0; slot < perGroup; slot += 1) {
      const flow = pickFlow(flows, rng);
      const book = bookOf(books, flow.plant);
      const events = lifecycle(catalog, flow, modelFor(flow.itf).draft(book, rng), rng, groupTime);
      shape.push(events.map((e) => JSON.stringify(e).split(ID_SLOT)));
    }
    shapes.push(shape);
  }
  return shapes;
}

function lifecycle(catalog, flow, draft, rng, groupTime) {
  const sourceTime = groupTime + rng.integer(0, 99);
  const latency = flow.itf.latencyObjectiveSeconds * 1000 * rng.between(0.05, 0.5);
  const failure = rng.chance(FAILURE_RATIO) ? rng.pick(INJECTABLE) : null;
  const times = [sourceTime + rng.integer(50, 500), sourceTime + latency / 3,
    sourceTime + (latency * 2) / 3, sourceTime + latency];
  const common = {
    interface: flow.itf.id,
    plant: flow.plant,
    messageId: '@@message-id@@',
    correlationId: rng.hex(16),
    sourceTime: new Date(sourceTime).toISOString(),
    businessKeys: draft.businessKeys,
    relatedKeys: draft.relatedKeys,
    ...(draft.quantity === undefined ? {} : { quantity: draft.quantity, unit: draft.unit }),
    ...(draft.value === undefined ? {} : { value: draft.value, currency: catalog.spec.currency }),
    traceId: rng.hex(32),
  };
  return STAGES.map((stage, i) => {
    const final = stage === 'final';
    const event = { ...common, stage: final ? (failure ? 'failed' : 'delivered') : stage,
      eventTime: new Date(Math.round(times[i])).toISOString() };
    if (stage === 'received' || (final && failure)) event.payload = draft.payload;
    if (final && failure) {
      event.error = injectedError(failure, flow.itf.target,
        draft.businessKeys[0]?.value ?? 'unknown');
    }
    return event;
  });
}

function pickFlow(flows, rng) {
  const total = flows.reduce((sum, f) => sum + modelFor(f.itf).weight, 0);
  let target = rng.next() * total;
  for (const flow of flows) {
    target -= modelFor(flow.itf).weight;
    if (target < 0) return flow;
  }
  return flows[flows.length - 1];
}

function bookOf(books, plant) {
  if (!books.has(plant)) books.set(plant, { plant, orders: [], nextOrder: 1, nextDocument: 1 });
  return books.get(plant);
}
