// The baseline of the benchmark: the same fastify, the same body limit, a
// route that only parses the JSON batch and answers 202. What the collector
// does beyond this is what the ratio prices.
import Fastify from 'fastify';

const bodyLimit = Number(process.env.BENCH_BODY_LIMIT_BYTES);
if (!Number.isInteger(bodyLimit) || bodyLimit <= 0) {
  process.stderr.write(`BENCH_BODY_LIMIT_BYTES must be a positive integer, got ${bodyLimit}\n`);
  process.exit(2);
}

const app = Fastify({ logger: false, bodyLimit });

app.post('/v1/events', async (request, reply) => {
  const { events } = request.body;
  return reply.code(202).send({ accepted: Array.isArray(events) ? events.length : 0 });
});

const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ msg: 'baseline listening', url })}\n`);

const stop = () => {
  app.close().then(() => process.exit(0), () => process.exit(1));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
