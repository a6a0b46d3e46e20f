import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  failedEvent, idOf, startReplayScene, type ReplayScene,
} from '../support/exception-events.js';

const BROKER = 'amqp://guest:guest@127.0.0.1:5672';

/** Connects to the local RabbitMQ or fails with how to start it: never a skip. */
async function connectBroker(): Promise<amqp.ChannelModel> {
  try {
    return await amqp.connect(BROKER);
  } catch (err) {
    throw new Error(`RabbitMQ is not reachable at amqp://127.0.0.1:5672 (${(err as Error).message}); `
      + 'start it with `rabbitmq-server -detached` and run the tests again');
  }
}

describe('replay by publish to RabbitMQ', () => {
  let broker: amqp.ChannelModel;
  let channel: amqp.Channel;
  let name: string;
  let scene: ReplayScene | undefined;

  beforeAll(async () => {
    broker = await connectBroker();
    return async () => {
      await broker.close();
    };
  });

  beforeEach(async () => {
    name = `syncgov-test-${randomUUID()}`;
    channel = await broker.createChannel();
  });

  afterEach(async () => {
    await scene?.close();
    scene = undefined;
    await channel.deleteQueue(name);
    await channel.deleteExchange(name);
    await channel.close();
  });

  async function declareRoute(): Promise<void> {
    await channel.assertExchange(name, 'direct', { durable: false });
    await channel.assertQueue(name, { durable: false });
    await channel.bindQueue(name, name, 'completion');
  }

  async function startScene(): Promise<ReplayScene> {
    scene = await startReplayScene({
      replay: () => ({ amqp: { url: BROKER, exchange: name, routingKey: 'completion' } }),
    });
    return scene;
  }

  async function take(): Promise<amqp.GetMessage> {
    for (let tries = 0; tries < 50; tries += 1) {
      const message = await channel.get(name, { noAck: true });
      if (message !== false) return message;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no message arrived on queue ${name}`);
  }

  it('publishes the stored payload with the idempotency key as message id', async () => {
    await declareRoute();
    const s = await startScene();
    const payload = { order: 'PO-42', confirmed: 120, unit: 'PC' };
    await s.ingest([failedEvent('mapping', { messageId: 'm-amqp', key: 'PO-42', payload })]);
    const id = idOf('m-amqp');

    const answer = await s.act(id, 'replay', { user: 'olga', body: { reason: 'mapping fixed' } });
    const message = await take();

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'sent', replay: { targetKind: 'amqp',
      target: `amqp exchange "${name}" routing key "completion"`, state: 'sent' } });
    expect(JSON.parse(message.content.toString('utf8'))).toEqual(payload);
    expect(message.fields).toMatchObject({ exchange: name, routingKey: 'completion' });
    expect(message.properties).toMatchObject({ messageId: `syncgov:${id}:1`,
      contentType: 'application/json', deliveryMode: 2 });
    expect(message.properties.headers).toEqual({
      'x-syncgov-exception': id,
      'x-syncgov-business-key': 'production_order:PO-42',
      'x-syncgov-interface': 'mes-erp-completion',
      'x-syncgov-message-id': 'm-amqp',
      'x-syncgov-plant': 'cz-pls',
    });
    expect(await channel.get(name, { noAck: true })).toBe(false);
    expect(await s.collector.store.getException(id)).toMatchObject({ state: 'replaying' });
  });

  it('fails a publish the broker refuses, and publishes the next decision once the exchange exists', async () => {
    const s = await startScene();
    await s.ingest([failedEvent('mapping', { messageId: 'm-noexchange', key: 'PO-43' })]);
    const id = idOf('m-noexchange');

    const refused = await s.act(id, 'replay', { body: { reason: 'mapping fixed' } });
    await declareRoute();
    const second = await s.act(id, 'replay', { body: { reason: 'exchange declared' } });

    expect(refused.body).toMatchObject({ status: 'failed', exception: { state: 'open' } });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: 'sent', replay: { attempt: 2 } });
    expect((await take()).properties.messageId).toBe(`syncgov:${id}:2`);
    expect((await s.collector.store.replaysOf(id)).map((r) => r.state))
      .toEqual(['failed', 'sent']);
  });
});
