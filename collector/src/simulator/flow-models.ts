import type { InterfaceSpec } from '../catalog/schema.js';
import type { BusinessKey } from '../ingest/event-schema.js';
import type { Random } from './random.js';

/** What the simulator needs to make one message of a flow. */
export interface MessageDraft {
  businessKeys: BusinessKey[];
  relatedKeys: BusinessKey[];
  quantity?: number;
  unit?: string;
  value?: number;
  payload: Record<string, unknown>;
}

/** The production orders a plant has released, which later flows refer to. */
export interface PlantBook {
  plant: string;
  orders: string[];
  nextOrder: number;
  nextDocument: number;
}

interface FlowModel {
  /** Relative share of the traffic. */
  weight: number;
  draft(book: PlantBook, rng: Random): MessageDraft;
}

const MATERIALS = ['MAT-1001', 'MAT-1002', 'MAT-2040', 'MAT-3300', 'MAT-4711'];

function order(book: PlantBook, rng: Random): string {
  return book.orders.length > 0 ? rng.pick(book.orders) : releaseOrder(book);
}

function releaseOrder(book: PlantBook): string {
  const id = `PO-${book.plant.toUpperCase()}-${String(book.nextOrder).padStart(6, '0')}`;
  book.nextOrder += 1;
  book.orders.push(id);
  if (book.orders.length > 200) book.orders.shift();
  return id;
}

function documentNo(book: PlantBook, prefix: string): string {
  book.nextDocument += 1;
  return `${prefix}-${book.plant.toUpperCase()}-${String(book.nextDocument).padStart(7, '0')}`;
}

function goods(rng: Random, unitPrice: number) {
  const quantity = rng.integer(10, 500);
  return { quantity, unit: 'PC', value: Math.round(quantity * unitPrice * 100) / 100 };
}

/** Per business process: keys, payload and share of traffic. */
const MODELS: Record<string, FlowModel> = {
  'demand-plan-update': {
    weight: 1,
    draft: (book, rng) => ({
      businessKeys: [{ type: 'demand_plan', value: documentNo(book, 'DP') }],
      relatedKeys: [],
      payload: { material: rng.pick(MATERIALS), plant: book.plant, weeks: 12 },
    }),
  },
  'production-order-release': {
    weight: 3,
    draft: (book, rng) => {
      const po = releaseOrder(book);
      const g = goods(rng, 42);
      return { businessKeys: [{ type: 'production_order', value: po }], relatedKeys: [], ...g,
        payload: { productionOrder: po, material: rng.pick(MATERIALS), ...g } };
    },
  },
  'material-consumption': {
    weight: 5,
    draft: (book, rng) => {
      const po = order(book, rng);
      const g = goods(rng, 7.5);
      const doc = documentNo(book, 'MD');
      return { businessKeys: [{ type: 'production_order', value: po }],
        relatedKeys: [{ type: 'material_document', value: doc }], ...g,
        payload: { productionOrder: po, materialDocument: doc, component: rng.pick(MATERIALS), ...g } };
    },
  },
  'production-confirmation': {
    weight: 5,
    draft: (book, rng) => {
      const po = order(book, rng);
      const g = goods(rng, 42);
      const delivery = documentNo(book, 'DL');
      return { businessKeys: [{ type: 'production_order', value: po }],
        relatedKeys: [{ type: 'warehouse', value: `WH-${book.plant.toUpperCase()}` },
          { type: 'delivery', value: delivery }], ...g,
        payload: { productionOrder: po, confirmedQuantity: g.quantity, unit: g.unit,
          workCenter: `WC-${rng.integer(10, 40)}`, delivery } };
    },
  },
  replenishment: {
    weight: 3,
    draft: (book, rng) => {
      const po = order(book, rng);
      const g = goods(rng, 7.5);
      const doc = documentNo(book, 'RP');
      return { businessKeys: [{ type: 'replenishment_order', value: doc }],
        relatedKeys: [{ type: 'production_order', value: po },
          { type: 'warehouse', value: `WH-${book.plant.toUpperCase()}` }], ...g,
        payload: { replenishmentOrder: doc, material: rng.pick(MATERIALS), ...g } };
    },
  },
  'shipment-confirmation': {
    weight: 3,
    draft: (book, rng) => {
      const po = order(book, rng);
      const g = goods(rng, 55);
      const delivery = documentNo(book, 'DL');
      return { businessKeys: [{ type: 'delivery', value: delivery }],
        relatedKeys: [{ type: 'production_order', value: po },
          { type: 'shipment', value: documentNo(book, 'SH') }], ...g,
        payload: { delivery, productionOrder: po, shipTo: `C-${rng.integer(1000, 9999)}`, ...g } };
    },
  },
  'supplier-master-update': {
    weight: 0.5,
    draft: (book, rng) => {
      const supplier = `SUP-${rng.integer(10000, 10999)}`;
      return { businessKeys: [{ type: 'supplier', value: supplier }], relatedKeys: [],
        payload: { supplier, name: `Supplier ${supplier}`,
          bankAccount: `DE89370400440532${rng.integer(100000, 999999)}` } };
    },
  },
  'quality-result': {
    weight: 1.5,
    draft: (book, rng) => {
      const lot = documentNo(book, 'IL');
      return { businessKeys: [{ type: 'inspection_lot', value: lot }],
        relatedKeys: [{ type: 'production_order', value: order(book, rng) }],
        payload: { inspectionLot: lot, result: rng.chance(0.95) ? 'accepted' : 'rejected' } };
    },
  },
};

const GENERIC: FlowModel = {
  weight: 1,
  draft: (book) => {
    const doc = documentNo(book, 'DOC');
    return { businessKeys: [{ type: 'document', value: doc }], relatedKeys: [],
      payload: { document: doc } };
  },
};

export function modelFor(itf: InterfaceSpec): FlowModel {
  return MODELS[itf.process] ?? GENERIC;
}
