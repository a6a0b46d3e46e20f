import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request a replay target received, in arrival order. */
export interface ReceivedReplay {
  method: string;
  path: string;
  idempotencyKey: string;
  exceptionId: string;
  businessKey: string;
  headers: Record<string, string>;
  body: string;
  /** The status it answered with; null when it closed the connection or never answered. */
  answeredWith: number | null;
}

/** How the target treats the next requests. */
export type TargetMode =
  | { kind: 'accept' }
  | { kind: 'fail'; status: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'close' };

/**
 * A real HTTP server on port 0 that plays a replay target: it records every
 * request with its idempotency key, and accepts, refuses, answers slowly or
 * drops the connection as the test asks.
 */
export interface ReplayTarget {
  url: string;
  received: ReceivedReplay[];
  mode: TargetMode;
  /** Runs before each answer: a target that reports delivery before it replies, say. */
  beforeAnswer: ((request: ReceivedReplay) => Promise<void>) | null;
  /** Accept this many more requests, then answer every later one with `status`. */
  failAfter(accepted: number, status: number): void;
  /** Accepts every request from now on. */
  recover(): void;
  /** Requests answered 2xx, per idempotency key. */
  acceptedByKey(): Map<string, number>;
  /** Requests answered 2xx, per exception id. */
  acceptedByException(): Map<string, number>;
  /** Requests received, per idempotency key, whatever the answer. */
  receivedByKey(): Map<string, number>;
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReplayTarget(path = '/replay'): Promise<ReplayTarget> {
  const sockets = new Set<Socket>();
  const waiters: { count: number; resolve: () => void }[] = [];
  let budget: { left: number; status: number } | null = null;

  const target: ReplayTarget = {
    url: '',
    received: [],
    mode: { kind: 'accept' },
    beforeAnswer: null,
    failAfter(accepted, status) {
      budget = { left: accepted, status };
    },
    recover() {
      budget = null;
      target.mode = { kind: 'accept' };
    },
    acceptedByKey: () => tally(target.received.filter(ok), (r) => r.idempotencyKey),
    acceptedByException: () => tally(target.received.filter(ok), (r) => r.exceptionId),
    receivedByKey: () => tally(target.received, (r) => r.idempotencyKey),
    waitFor(count, timeoutMs = 10_000) {
      if (target.received.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(
          `replay target got ${target.received.length} requests, expected ${count}`)), timeoutMs);
        waiters.push({ count, resolve: () => { clearTimeout(timer); resolve(); } });
      });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer((request, response) => {
    void readBody(request).then(async (body) => {
      const entry = record(request, body);
      target.received.push(entry);
      await target.beforeAnswer?.(entry);
      answer(entry, response, request.socket);
      for (const w of waiters.filter((x) => target.received.length >= x.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function answer(entry: ReceivedReplay, response: ServerResponse, socket: Socket): void {
    const mode = nextMode();
    if (mode.kind === 'close') {
      socket.destroy();
      return;
    }
    const status = mode.kind === 'fail' ? mode.status : 200;
    const send = () => {
      entry.answeredWith = status;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: status < 300 ? 'accepted' : 'unavailable' }));
    };
    if (mode.kind === 'slow') setTimeout(send, mode.delayMs).unref();
    else send();
  }

  function nextMode(): TargetMode {
    if (budget === null) return target.mode;
    if (budget.left > 0) {
      budget.left -= 1;
      return target.mode;
    }
    return { kind: 'fail', status: budget.status };
  }

  function record(request: IncomingMessage, body: string): ReceivedReplay {
    const headers = Object.fromEntries(Object.entries(request.headers)
      .map(([name, value]) => [name, String(value)]));
    return {
      method: request.method ?? '',
      path: request.url ?? '',
      idempotencyKey: headers['idempotency-key'] ?? '',
      exceptionId: headers['x-syncgov-exception'] ?? '',
      businessKey: headers['x-syncgov-business-key'] ?? '',
      headers,
      body,
      answeredWith: null,
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return target;
}

function ok(r: ReceivedReplay): boolean {
  return r.answeredWith !== null && r.answeredWith < 300;
}

function tally<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
