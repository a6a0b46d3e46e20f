import amqp from 'amqplib';
import type { ReplayTargetSpec } from '../catalog/schema.js';
import {
  expandEnvironment, type DeliveryOutcome, type DeliveryTarget, type ReplayMessage,
} from './delivery.js';

type AmqpSpec = NonNullable<ReplayTargetSpec['amqp']>;

/**
 * Replays by publishing to RabbitMQ on a confirm channel: the broker's
 * confirm is the acceptance. The idempotency key travels as the message id,
 * so consumers can drop a message they have seen.
 */
export class AmqpTarget implements DeliveryTarget {
  readonly kind = 'amqp';
  readonly description: string;
  private channel: Promise<amqp.ConfirmChannel> | undefined;
  private connection: amqp.ChannelModel | undefined;

  constructor(private readonly spec: AmqpSpec, private readonly timeoutMs: number) {
    this.description = `amqp exchange "${spec.exchange}" routing key "${spec.routingKey}"`;
  }

  async deliver(message: ReplayMessage): Promise<DeliveryOutcome> {
    let channel: amqp.ConfirmChannel;
    try {
      channel = await this.open();
    } catch (err) {
      this.channel = undefined;
      return { kind: 'not_sent', error: (err as Error).message };
    }
    return this.publish(channel, message);
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.channel = undefined;
    this.connection = undefined;
    await connection?.close().catch(() => undefined);
  }

  private publish(channel: amqp.ConfirmChannel, message: ReplayMessage): Promise<DeliveryOutcome> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.channel = undefined;
        resolve({ kind: 'unknown', error: 'timed out waiting for the broker confirm' });
      }, this.timeoutMs);
      channel.publish(this.spec.exchange, this.spec.routingKey, Buffer.from(message.payload), {
        persistent: true,
        contentType: 'application/json',
        messageId: message.idempotencyKey,
        headers: { 'x-syncgov-exception': message.exceptionId,
          'x-syncgov-business-key': message.businessKey,
          'x-syncgov-interface': message.interfaceId,
          'x-syncgov-message-id': message.messageId, 'x-syncgov-plant': message.plant,
          ...(message.traceparent === null ? {} : { traceparent: message.traceparent }) },
      }, (err) => {
        clearTimeout(timer);
        resolve(err ? { kind: 'refused', status: null, error: 'the broker refused the message' }
          : { kind: 'accepted', status: null });
      });
    });
  }

  private open(): Promise<amqp.ConfirmChannel> {
    this.channel ??= (async () => {
      const connection = await amqp.connect(expandEnvironment(this.spec.url));
      connection.on('error', () => {
        this.channel = undefined;
      });
      connection.on('close', () => {
        this.channel = undefined;
      });
      this.connection = connection;
      return connection.createConfirmChannel();
    })();
    return this.channel;
  }
}
