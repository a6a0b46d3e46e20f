import { it } from 'vitest';
import { SqliteStore } from '/work/main/collector/src/store/sqlite/sqlite-store.js';
import { event, failure, T0, MINUTE } from '/work/main/collector/test/store/contract/fixtures.js';
it('dbg', async () => {
  const store = new SqliteStore(':memory:');
  await store.migrate();
  const out = await store.recordEvents([
      event({ messageId: 'm1', quantity: 10, value: 100 }),
      event({ messageId: 'm2', quantity: 5 }),
      failure({ messageId: 'm3', quantity: 3, value: 30.25 }),
      event({ messageId: 'm4', quantity: 99, value: 990 }),
      event({ messageId: 'm4', stage: 'delivered', eventTime: T0 + MINUTE }),
      event({ messageId: 'm5', plantId: 'de-fra', labels: { interface: 'x', plant: 'de-fra', process: 'p' } }),
  ]);
  console.log(out, await store.exposure(), store.db.prepare('select message_id, state, quantity, value from messages').all());
});
