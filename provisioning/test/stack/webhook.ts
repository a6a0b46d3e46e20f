import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One alert of an Alertmanager webhook notification. */
export interface NotifiedAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** One notification Alertmanager sent, with the path it was sent to. */
export interface Notification {
  path: string;
  receiver: string;
  status: 'firing' | 'resolved';
  alerts: NotifiedAlert[];
}

/** A webhook receiver standing in for the teams' paging and ticketing tools. */
export interface WebhookReceiver {
  baseUrl: string;
  notifications: Notification[];
  close: () => Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const notifications: Notification[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const payload = JSON.parse(body) as Omit<Notification, 'path'>;
      notifications.push({ ...payload, path: req.url ?? '' });
      res.writeHead(200).end();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/syncgov`,
    notifications,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
