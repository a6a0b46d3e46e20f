import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

/** One request the target received. */
export interface Delivery {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  exception: string | undefined;
  body: string;
}

/**
 * A real HTTP endpoint standing where the ERP would be: it accepts every
 * delivery and remembers it, so a test can count what a replay sent.
 */
export class ReplayTarget {
  readonly deliveries: Delivery[] = [];
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void collect(request).then((body) => {
        this.deliveries.push({
          method: request.method ?? '',
          path: request.url ?? '',
          idempotencyKey: header(request, 'idempotency-key'),
          exception: header(request, 'x-syncgov-exception'),
          body,
        });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"accepted":true}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  deliveriesFor(exceptionId: string): Delivery[] {
    return this.deliveries.filter((delivery) => delivery.exception === exceptionId);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

async function collect(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
