import { describe, expect, it } from 'vitest';
import type { ExceptionFilter } from '../../../src/store/exception-store.js';
import type { Store } from '../../../src/store/store.js';
import { backends, useStore } from './backends.js';
import {
  audit, event, failure, idOf, ITF, key, MINUTE, PLANT, PROCESS, raise, sorted, T0,
} from './fixtures.js';

const GOODS = 'erp-wms-goods';
const e = (n: number) => idOf(`msg-${n}`, n === 3 ? GOODS : ITF);

/**
 * Five exceptions, newest last: 1 mapping at cz-pls naming delivery DL-1,
 * 2 transient at de-fra (acknowledged), 3 a held sequence dependency on the
 * goods interface, 4 resolved by its delivery, 5 transient retrying later.
 */
async function seed(store: Store): Promise<void> {
  const own = (value: string, type = 'production_order') =>
    ({ businessKey: key(value, type), businessKeys: [key(value, type)] });
  const fra = { plantId: 'de-fra', labels: { interface: ITF, plant: 'de-fra', process: PROCESS } };
  const goods = { interfaceId: GOODS,
    labels: { interface: GOODS, plant: PLANT, process: 'goods_movement' } };
  const transient = { class: 'transient' as const, severity: 'medium' as const,
    owner: 'integration-ops' };
  await raise(store, { messageId: 'msg-1', eventTime: T0, ...own('PO-1'),
    relatedKeys: [key('DL-1', 'delivery')] });
  await raise(store, { messageId: 'msg-2', eventTime: T0 + MINUTE, ...own('PO-2'), ...fra },
    transient);
  await raise(store, { messageId: 'msg-3', eventTime: T0 + 2 * MINUTE,
    ...own('GR-3', 'goods_receipt'), ...goods }, { class: 'sequence_dependency',
    severity: 'critical', owner: 'middleware-team', hold: 'prerequisite' });
  await raise(store, { messageId: 'msg-4', eventTime: T0 + 3 * MINUTE, ...own('PO-4') });
  await store.recordEvents([event({ messageId: 'msg-4', stage: 'delivered',
    eventTime: T0 + 4 * MINUTE, ...own('PO-4') })]);
  await raise(store, { messageId: 'msg-5', eventTime: T0 + 4 * MINUTE, ...own('PO-5') },
    transient);
  await store.applyChange({ exceptionId: e(2), from: ['open'], to: 'acknowledged',
    audit: audit() });
  await store.applyChange({ exceptionId: e(5), from: ['open'], to: 'open',
    set: { nextRetryAt: T0 + 30 * MINUTE, attempts: 1 }, audit: audit({ action: 'retry' }) });
}

const FILTERS: [string, ExceptionFilter, number[]][] = [
  ['nothing', {}, [5, 4, 3, 2, 1]],
  ['plants', { plants: ['cz-pls'] }, [5, 4, 3, 1]],
  ['plants unrestricted', { plants: null }, [5, 4, 3, 2, 1]],
  ['no plants at all', { plants: [] }, []],
  ['processes', { processes: ['goods_movement'] }, [3]],
  ['interfaces', { interfaces: [GOODS] }, [3]],
  ['classes', { classes: ['transient'] }, [5, 2]],
  ['owners', { owners: ['integration-team'] }, [4, 1]],
  ['states', { states: ['acknowledged', 'resolved'] }, [4, 2]],
  ['severities', { severities: ['critical'] }, [3]],
  ['ids', { ids: [e(1), e(3)] }, [3, 1]],
  ['unresolved', { unresolved: true }, [5, 3, 2, 1]],
  ['holds', { holds: ['prerequisite'] }, [3]],
  ['first seen in a time range', { from: T0 + MINUTE, to: T0 + 3 * MINUTE }, [3, 2]],
  ['retry due', { retryDueBy: T0 + 10 * MINUTE }, [4, 3, 2, 1]],
  ['own business key', { businessKey: { type: null, value: 'GR-3' } }, [3]],
  ['related business key', { businessKey: { type: null, value: 'DL-1' } }, [1]],
  ['typed business key', { businessKey: { type: 'delivery', value: 'DL-1' } }, [1]],
  ['key of another type', { businessKey: { type: 'production_order', value: 'DL-1' } }, []],
  ['several at once', { plants: ['cz-pls'], classes: ['mapping'], unresolved: true }, [1]],
];

describe.each(backends())('the $name store finds exceptions', (backend) => {
  const opened = useStore(backend);

  it.each(FILTERS)('filters by %s, newest first, with the total', async (_, filter, expected) => {
    const { store } = opened();
    await seed(store);
    const page = await store.listExceptions(filter, 50, null);

    expect(page.items.map((x) => x.id)).toEqual(expected.map(e));
    expect(page.total).toBe(expected.length);
    expect(page.nextCursor).toBeNull();
  });

  it('pages with a cursor and keeps the total of the whole result', async () => {
    const { store } = opened();
    await seed(store);
    const ids: string[][] = [];
    let cursor: string | null = null;
    do {
      const page = await store.listExceptions({}, 2, cursor);
      expect(page.total).toBe(5);
      ids.push(page.items.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor !== null);

    expect(ids).toEqual([[e(5), e(4)], [e(3), e(2)], [e(1)]]);
  });

  it('breaks ties of last activity by id, so no page repeats or skips one', async () => {
    const { store } = opened();
    for (const m of ['a', 'b', 'c', 'd']) await raise(store, { messageId: m, eventTime: T0 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.listExceptions({}, 1, cursor);
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor !== null);

    expect(seen).toEqual(['a', 'b', 'c', 'd'].map((m) => idOf(m)).sort().reverse());
  });

  it('finds a message by a related key a later event added', async () => {
    const { store } = opened();
    await raise(store, { relatedKeys: [key('DL-1', 'delivery')] });
    await store.recordEvents([failure({ eventTime: T0 + MINUTE,
      relatedKeys: [key('DL-2', 'delivery')] })]);
    const find = async (value: string) => (await store.listExceptions(
      { businessKey: { type: null, value } }, 10, null)).items.map((x) => x.id);

    expect(await find('DL-1')).toEqual([idOf('msg-1')]);
    expect(await find('DL-2')).toEqual([idOf('msg-1')]);
    expect(await find('PO-1')).toEqual([idOf('msg-1')]);
    expect(await find('DL-3')).toEqual([]);
  });

  it('starts from the first page when the cursor cannot be read', async () => {
    const { store } = opened();
    await seed(store);
    const page = await store.listExceptions({}, 2, 'not-a-cursor');
    expect(page.items.map((x) => x.id)).toEqual([e(5), e(4)]);
  });

  it('sums unresolved impact per severity, with SLA breaches and the keys of the process', async () => {
    const { store } = opened();
    const sla = (minutes: number) => ({ slaDeadline: T0 + minutes * MINUTE });
    const own = (value: string) => ({ businessKey: key(value), businessKeys: [key(value)] });
    await raise(store, { messageId: 'a', eventTime: T0, ...own('PO-1') }, sla(60));
    await raise(store, { messageId: 'b', eventTime: T0 + 5 * MINUTE, ...own('PO-1') }, sla(200));
    await raise(store, { messageId: 'c', eventTime: T0 + MINUTE, ...own('PO-3') },
      { severity: 'medium', ...sla(30) });
    await raise(store, { messageId: 'd', eventTime: T0 + 2 * MINUTE, ...own('PO-4'),
      plantId: 'de-fra', labels: { interface: ITF, plant: 'de-fra', process: PROCESS } },
    sla(10));
    await raise(store, { messageId: 'e', eventTime: T0 - MINUTE, ...own('PO-5') }, sla(1));
    await store.applyChange({ exceptionId: idOf('e'), from: ['open'], to: 'resolved',
      set: { resolution: 'ignored' }, audit: audit() });

    const now = T0 + 90 * MINUTE;
    expect(sorted(await store.impact({}, now))).toEqual(sorted([
      { plant: PLANT, process: PROCESS, severity: 'high', open: 2, oldestFirstSeenAt: T0,
        slaBreaches: 1, businessKeys: 2 },
      { plant: PLANT, process: PROCESS, severity: 'medium', open: 1,
        oldestFirstSeenAt: T0 + MINUTE, slaBreaches: 1, businessKeys: 2 },
      { plant: 'de-fra', process: PROCESS, severity: 'high', open: 1,
        oldestFirstSeenAt: T0 + 2 * MINUTE, slaBreaches: 1, businessKeys: 1 },
    ]));
    expect(await store.impact({ plants: ['de-fra'] }, T0)).toEqual([
      { plant: 'de-fra', process: PROCESS, severity: 'high', open: 1,
        oldestFirstSeenAt: T0 + 2 * MINUTE, slaBreaches: 0, businessKeys: 1 },
    ]);
  });

  it('tells whether a prerequisite interface delivered a business key', async () => {
    const { store } = opened();
    const goods = (stage: 'received' | 'delivered') => event({ interfaceId: GOODS,
      messageId: 'g-1', stage, eventTime: stage === 'received' ? T0 : T0 + MINUTE });
    expect(await store.prerequisiteDelivered([], key('PO-1'))).toBe(true);
    await store.recordEvents([goods('received')]);
    expect(await store.prerequisiteDelivered([GOODS], key('PO-1'))).toBe(false);

    await store.recordEvents([goods('delivered')]);
    expect(await store.prerequisiteDelivered([GOODS], key('PO-1'))).toBe(true);
    expect(await store.prerequisiteDelivered(['other', GOODS], key('PO-1'))).toBe(true);
    expect(await store.prerequisiteDelivered(['other'], key('PO-1'))).toBe(false);
    expect(await store.prerequisiteDelivered([GOODS], key('PO-1', 'sales_order'))).toBe(false);
  });
});
