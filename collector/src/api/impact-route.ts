import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal, scopeFilter } from '../access/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { CatalogSource } from '../catalog/catalog-source.js';
import { SEVERITIES, type Severity } from '../exceptions/taxonomy.js';
import type { ImpactRow } from '../store/exception-store.js';
import type { ExposureRow, FlowGaugeRow, Store } from '../store/store.js';

type Counts = Record<Severity, number>;

/** One cell of the plant by process matrix. */
interface ImpactCell {
  plant: string;
  region: string;
  process: string;
  severity: Severity | 'none';
  openExceptions: number;
  bySeverity: Counts;
  slaBreaches: number;
  oldestAgeSeconds: number | null;
  businessKeysAffected: number;
  inFlight: number;
  oldestInFlightAgeSeconds: number | null;
  exposure: { quantity: number; value: number };
}

/** GET /v1/impact: business impact of open exceptions and backlog, by plant and process. */
export const impactRoute: FastifyPluginAsyncTypebox<{ store: Store; catalog: CatalogSource }> =
  async (app, { store, catalog }) => {
    app.get('/v1/impact', {
      config: { access: 'viewer' },
      schema: {
        tags: ['exceptions'], summary: 'Business impact by plant and process',
        querystring: Type.Object({
          region: Type.Optional(Type.String()),
          plant: Type.Optional(Type.String()),
          process: Type.Optional(Type.String()),
        }),
      },
    }, async (request) => {
      const scope = scopeFilter(requirePrincipal(request));
      const now = Date.now();
      const [impact, flows, exposure] = await Promise.all([
        store.impact({ plants: scope.plants, processes: scope.processes }, now),
        store.flowGauges(), store.exposure(),
      ]);
      const cells = matrix(catalog.current, request.query, scope)
        .map((cell) => fill(cell, impact, flows, exposure, now));
      return { generatedAt: new Date(now).toISOString(), currency: catalog.current.spec.currency,
        cells };
    });
  };

function matrix(catalog: Catalog, q: { region?: string; plant?: string; process?: string },
  scope: { plants: string[] | null; processes: string[] | null }) {
  const pairs = new Map<string, { plant: string; region: string; process: string }>();
  for (const { interface: itf, plant } of catalog.flows()) {
    if (q.region && plant.region !== q.region) continue;
    if (q.plant && plant.id !== q.plant) continue;
    if (q.process && itf.process !== q.process) continue;
    if (scope.plants && !scope.plants.includes(plant.id)) continue;
    if (scope.processes && !scope.processes.includes(itf.process)) continue;
    pairs.set(`${plant.id}/${itf.process}`,
      { plant: plant.id, region: plant.region, process: itf.process });
  }
  return [...pairs.values()];
}

function fill(cell: { plant: string; region: string; process: string }, impact: ImpactRow[],
  flows: FlowGaugeRow[], exposure: ExposureRow[], now: number): ImpactCell {
  const mine = <T extends { plant: string; process: string }>(rows: T[]) =>
    rows.filter((r) => r.plant === cell.plant && r.process === cell.process);
  const rows = mine(impact);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Counts;
  for (const r of rows) bySeverity[r.severity] += Number(r.open);
  const worst = SEVERITIES.find((s) => bySeverity[s] > 0) ?? 'none';
  const oldest = min(rows.map((r) => Number(r.oldestFirstSeenAt)));
  const flow = mine(flows);
  const oldestFlight = min(flow.flatMap((f) => (f.oldestStartedAt === null ? [] : [f.oldestStartedAt])));
  const held = mine(exposure);
  return {
    ...cell,
    severity: worst,
    openExceptions: rows.reduce((n, r) => n + Number(r.open), 0),
    bySeverity,
    slaBreaches: rows.reduce((n, r) => n + Number(r.slaBreaches), 0),
    oldestAgeSeconds: oldest === null ? null : Math.round((now - oldest) / 1000),
    // Each severity row carries the cell's distinct keys: take it once, not summed.
    businessKeysAffected: rows.reduce((n, r) => Math.max(n, Number(r.businessKeys)), 0),
    inFlight: flow.reduce((n, f) => n + Number(f.inFlight), 0),
    oldestInFlightAgeSeconds: oldestFlight === null ? null : Math.round((now - oldestFlight) / 1000),
    exposure: {
      quantity: held.reduce((n, e) => n + Number(e.quantity), 0),
      value: held.reduce((n, e) => n + Number(e.value), 0),
    },
  };
}

function min(values: number[]): number | null {
  return values.length === 0 ? null : Math.min(...values);
}
