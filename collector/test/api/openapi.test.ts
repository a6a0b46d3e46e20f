import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/exceptions/workflow.js';
import { startCollector, type TestCollector } from '../support/collector-harness.js';
import { servedRoutes } from './api-fixtures.js';

interface Parameter {
  name: string; in: string; required?: boolean; schema: Record<string, unknown>;
}
interface Operation {
  summary?: string; tags?: string[]; parameters?: Parameter[]; security?: unknown[];
  requestBody?: { required: boolean; content: Record<string, { schema: OpenSchema }> };
  responses: Record<string, unknown>; 'x-syncgov-role': string;
}
interface OpenSchema { type?: string; properties?: Record<string, unknown>; required?: string[] }
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
  security: unknown[];
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

describe('GET /openapi.json', () => {
  let collector: TestCollector;
  let doc: Document;

  beforeAll(async () => {
    collector = await startCollector();
    const response = await fetch(`${collector.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    doc = await response.json() as Document;
  });

  afterAll(async () => {
    await collector.close();
  });

  const operation = (path: string, method: string) => doc.paths[path]?.[method] as Operation;

  it('is an OpenAPI 3 document of the collector, answered without a token', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'syncgov collector API', version: '0.0.0-test' });
    expect(doc.components.securitySchemes).toEqual({ bearer: { type: 'http', scheme: 'bearer' } });
    expect(doc.security).toEqual([{ bearer: [] }]);
  });

  it('documents every route the app serves, with its methods', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    const served = servedRoutes(collector.app).filter((r) => r !== 'GET /openapi.json');

    expect(served.filter((r) => r.includes(' /v1/'))).toHaveLength(14);
    expect(documented.sort()).toEqual(served);
  });

  it('is well formed: known methods, responses, and every path parameter declared', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      expect(path.startsWith('/')).toBe(true);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(ops)) {
        expect(METHODS.has(method)).toBe(true);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        const inPath = (op.parameters ?? []).filter((p) => p.in === 'path');
        expect(inPath.map((p) => p.name).sort()).toEqual(templated);
        expect(inPath.every((p) => p.required === true)).toBe(true);
        expect(Array.isArray(op.tags)).toBe(true);
      }
    }
  });

  it('asks for the bearer token everywhere but on the public operations', () => {
    const publicOps = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).filter(([, op]) => op['x-syncgov-role'] === 'public')
        .map(([method, op]) => [`${method.toUpperCase()} ${path}`, op.security]));
    const protectedOps = Object.values(doc.paths).flatMap((ops) => Object.values(ops))
      .filter((op) => op['x-syncgov-role'] !== 'public');

    expect(publicOps.sort()).toEqual([
      ['GET /healthz', []], ['GET /metrics', []], ['GET /readyz', []],
    ]);
    expect(protectedOps.every((op) => op.security === undefined)).toBe(true);
    expect(new Set(protectedOps.map((op) => op['x-syncgov-role'])))
      .toEqual(new Set(['viewer', 'operator', 'admin', 'ingest']));
  });

  it('describes the exception list\'s filters from the route schema', () => {
    const list = operation('/v1/exceptions', 'get');

    expect(list.parameters?.filter((p) => p.in === 'query').map((p) => p.name)).toEqual([
      'plant', 'process', 'interface', 'class', 'owner', 'state', 'severity', 'fingerprint', 'businessKey',
      'from', 'to', 'limit', 'cursor',
    ]);
    expect(list.parameters?.find((p) => p.name === 'limit')?.schema)
      .toEqual({ type: 'integer', minimum: 1, maximum: 500, default: 50 });
  });

  it('describes the actions, their path and body from the route schema', () => {
    const actions = operation('/v1/exceptions/{id}/actions/{action}', 'post');
    const action = actions.parameters?.find((p) => p.name === 'action');

    expect(action?.schema.enum).toEqual([...ACTIONS]);
    const body = actions.requestBody?.content['application/json']?.schema;
    expect(Object.keys(body?.properties ?? {}).sort()).toEqual(['assignee', 'reason', 'requestId']);
  });

  it('describes the bodies of ingest and bulk replay', () => {
    const events = operation('/v1/events', 'post').requestBody?.content['application/json'];
    const job = operation('/v1/replays/jobs', 'post').requestBody?.content['application/json'];
    const plan = operation('/v1/replays/plan', 'post').requestBody?.content['application/json'];

    expect(events?.schema.required).toEqual(['events']);
    expect(Object.keys(job?.schema.properties ?? {})).toEqual(['filter', 'ratePerSecond']);
    expect(plan?.schema.required).toEqual(['filter']);
  });
});
