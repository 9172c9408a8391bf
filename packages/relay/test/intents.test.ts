import { foldThread, type Intent, type Message, threadState } from '@intentcast/core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  BUYER,
  DAY,
  errorOf,
  HOUR,
  intentBody,
  make,
  postAll,
  startRelay,
  stopRelay,
  T0,
  type TestRelay,
  VENDOR_A,
  VENDOR_B,
} from './relay-fixtures.js';

let relay: TestRelay;
beforeEach(async () => {
  relay = await startRelay();
});
afterEach(() => stopRelay(relay));

async function list(query = ''): Promise<{ intents: Intent[]; next?: string }> {
  const res = await relay.app.inject(`/v1/intents${query}`);
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json();
}

const ids = (page: { intents: Intent[] }) => page.intents.map((i) => i.id);

describe('GET /v1/intents: state', () => {
  test('open by default; expired, withdrawn, accepted and closed intents are served only when asked for', async () => {
    const t = { at: T0 };
    const open = make.intent(t);
    const expiring = make.intent({ at: T0, expires: T0 + HOUR });
    const withdrawn = make.intent(t);
    const accepted = make.intent(t);
    const acceptedOffer = make.offer(t, accepted);
    const closed = make.intent(t);
    const closedOffer = make.offer(t, closed);
    const closedAccept = make.accept(t, closedOffer);
    await postAll(
      relay.app,
      open,
      expiring,
      withdrawn,
      make.withdraw(t, withdrawn, BUYER),
      accepted,
      acceptedOffer,
      make.accept(t, acceptedOffer),
      closed,
      closedOffer,
      closedAccept,
      make.confirm(t, closedAccept, VENDOR_A),
    );
    expect(ids(await list())).toEqual([expiring.id, open.id]);
    relay.clock.advance(2 * HOUR);
    expect(ids(await list())).toEqual([open.id]);
    expect(ids(await list('?state=open'))).toEqual([open.id]);
    expect(ids(await list('?state=expired'))).toEqual([expiring.id]);
    expect(ids(await list('?state=withdrawn'))).toEqual([withdrawn.id]);
    expect(ids(await list('?state=accepted'))).toEqual([accepted.id]);
    expect(ids(await list('?state=closed'))).toEqual([closed.id]);
    expect(ids(await list('?state=any'))).toEqual([
      closed.id,
      accepted.id,
      withdrawn.id,
      expiring.id,
      open.id,
    ]);
    relay.clock.advance(8 * DAY);
    expect(ids(await list())).toEqual([]);
    // Only open intents expire; the lasting states stay what they were.
    expect(ids(await list('?state=expired'))).toEqual([expiring.id, open.id]);
    expect(ids(await list('?state=withdrawn'))).toEqual([withdrawn.id]);
  });
});

describe('GET /v1/intents: state agrees with the lifecycle at every time', () => {
  test('before and after expiry, whatever was accepted, confirmed or withdrawn', async () => {
    const t = { at: T0, expires: T0 + HOUR };
    const two = intentBody({}, { quantity: 2 });
    const threads: Message[][] = [];
    const thread = (build: () => Message[]) => threads.push(build());
    thread(() => [make.intent(t)]);
    thread(() => {
      const i = make.intent(t, two);
      const o = make.offer(t, i);
      return [i, o, make.accept(t, o)];
    });
    thread(() => {
      const i = make.intent(t, two);
      const o = make.offer(t, i);
      const a = make.accept(t, o);
      return [i, o, a, make.confirm(t, a)];
    });
    thread(() => {
      const i = make.intent(t);
      const o = make.offer(t, i);
      return [i, o, make.accept(t, o)];
    });
    thread(() => {
      const i = make.intent(t);
      const o = make.offer(t, i);
      const a = make.accept(t, o);
      return [i, o, a, make.confirm(t, a)];
    });
    thread(() => {
      const i = make.intent(t, two);
      const o = make.offer(t, i);
      return [i, o, make.accept(t, o), make.withdraw(t, o, VENDOR_A)];
    });
    thread(() => {
      const i = make.intent(t);
      return [i, make.offer(t, i, VENDOR_B), make.withdraw(t, i, BUYER)];
    });
    for (const messages of threads) await postAll(relay.app, ...messages);

    for (const at of [T0, T0 + HOUR - 1, T0 + HOUR, T0 + 2 * DAY]) {
      relay.clock.now = at;
      const expected = threads.map(([intent, ...rest]) => {
        const folded = foldThread(intent as Intent, rest);
        if (!folded.ok) throw new Error(folded.message);
        return threadState(folded.value, at);
      });
      for (const [i, [intent]] of threads.entries()) {
        const res = await relay.app.inject(`/v1/intents/${intent!.id}/thread`);
        expect(res.json().state).toBe(expected[i]);
      }
      for (const state of ['open', 'expired', 'accepted', 'closed', 'withdrawn'] as const) {
        const wanted = threads.filter((_, i) => expected[i] === state).map(([intent]) => intent!.id);
        expect(ids(await list(`?state=${state}`)).sort()).toEqual(wanted.sort());
      }
    }
  });
});

describe('GET /v1/intents: pagination', () => {
  test('pages are newest first, with no duplicates and no gaps, and the last page has no next', async () => {
    const posted: Intent[] = [];
    for (let i = 0; i < 23; i++) posted.push(make.intent({ at: T0 - i * 1000 }));
    await postAll(relay.app, ...posted);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list(`?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.intents.length).toBe(pages < 4 ? 5 : 3);
      seen.push(...ids(page));
      cursor = page.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toEqual(posted.map((i) => i.id).reverse());
  });

  test('a cursor keeps its place while new intents arrive', async () => {
    const first = Array.from({ length: 6 }, (_, i) => make.intent({ at: T0 - i * 1000 }));
    await postAll(relay.app, ...first);
    const page1 = await list('?limit=3');
    await postAll(relay.app, make.intent({ at: T0 }), make.intent({ at: T0 }));
    const page2 = await list(`?limit=3&cursor=${page1.next}`);
    expect([...ids(page1), ...ids(page2)]).toEqual(first.map((i) => i.id).reverse());
    expect(page2.next).toBeUndefined();
  });

  test('the default page is limits.defaultPageSize', async () => {
    const small = await startRelay({ limits: { defaultPageSize: 2, maxPageSize: 3 } });
    await postAll(small.app, make.intent({ at: T0 }), make.intent({ at: T0 }), make.intent({ at: T0 }));
    const res = await small.app.inject('/v1/intents');
    expect(res.json().intents).toHaveLength(2);
    expect(errorOf(await small.app.inject('/v1/intents?limit=4')).code).toBe('ERR_BAD_REQUEST');
    await stopRelay(small);
  });

  test.each([
    ['junk', 'not-a-cursor!'],
    ['base64url of something else', Buffer.from('i1.x').toString('base64url')],
    ['a negative seq', Buffer.from('i1.-4').toString('base64url')],
    ['padded', `${Buffer.from('i1.4').toString('base64url')}==`],
  ])('a cursor that is %s is 400 ERR_CURSOR_INVALID', async (_name, cursor) => {
    const res = await relay.app.inject(`/v1/intents?cursor=${encodeURIComponent(cursor)}`);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'ERR_CURSOR_INVALID', path: '/cursor' });
  });
});

describe('GET /v1/intents: filters', () => {
  const t = { at: T0 };
  let hotel: Intent;
  let hostel: Intent;
  let flight: Intent;
  let bike: Intent;

  beforeEach(async () => {
    hotel = make.intent(
      t,
      intentBody(
        {
          where: { region: 'PT-11', geo: { lat: 38.72, lon: -9.14, radiusKm: 10 } },
          budget: { currency: 'EUR', min: '80', max: '150.50' },
        },
        { category: 'lodging.hotel', description: 'Quiet double room near the river' },
      ),
    );
    hostel = make.intent(
      { at: T0 - DAY },
      intentBody(
        { where: { region: 'PT-13' }, budget: { currency: 'EUR', max: '40' } },
        { category: 'lodging.hostel', description: 'Cheap bed, any room' },
      ),
    );
    flight = make.intent(
      t,
      intentBody(
        {
          where: { region: 'ES', geo: { lat: 40.42, lon: -3.7, radiusKm: 50 } },
          budget: { currency: 'USD', max: '300' },
        },
        { category: 'travel.flight', description: 'Flight to Madrid in March' },
      ),
    );
    bike = make.intent(
      t,
      intentBody({}, { category: 'https://cats.example/bikes', description: 'A river cruiser bike' }),
    );
    await postAll(relay.app, hotel, hostel, flight, bike);
  });

  test.each([
    ['category prefix', '?category=lodging', () => [hostel, hotel]],
    ['category exact', '?category=lodging.hotel', () => [hotel]],
    ['several categories', '?category=travel,lodging.hostel', () => [flight, hostel]],
    ['a category URI', `?category=${encodeURIComponent('https://cats.example/bikes')}`, () => [bike]],
    ['a country', '?region=PT', () => [hostel, hotel]],
    ['a subdivision', '?region=PT-11', () => [hotel]],
    ['near Lisbon', '?near=38.7,-9.1,5', () => [hotel]],
    ['near, reaching Madrid', '?near=38.72,-9.14,600', () => [flight, hotel]],
    ['budget overlapping', '?currency=EUR&budgetMin=100', () => [hotel]],
    ['budget under', '?currency=EUR&budgetMax=79.99', () => [hostel]],
    ['currency alone', '?currency=USD', () => [flight]],
    ['since', `?since=${encodeURIComponent(new Date(T0 - HOUR).toISOString())}`, () => [bike, flight, hotel]],
    ['until', `?until=${encodeURIComponent(new Date(T0 - HOUR).toISOString())}`, () => [hostel]],
    ['text', '?q=river', () => [bike, hotel]],
    ['text, every word', '?q=River%20room', () => [hotel]],
    ['several filters', '?category=lodging&region=PT&q=room&currency=EUR&budgetMax=60', () => [hostel]],
  ])('%s', async (_name, query, expected) => {
    const page = await list(`${query}${query.includes('?') ? '&' : '?'}state=any`);
    expect(ids(page)).toEqual(expected().map((i) => i.id));
  });

  test.each([
    ['category', '?category=Lodging', '/category'],
    ['region', '?region=pt', '/region'],
    ['near', '?near=1,2', '/near'],
    ['budget without currency', '?budgetMax=3', '/currency'],
    ['amount', '?currency=EUR&budgetMin=1e3', '/budgetMin'],
    ['since', '?since=yesterday', '/since'],
    ['until before since', '?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z', '/until'],
  ])('a malformed %s is 400 ERR_FILTER_INVALID', async (_name, query, path) => {
    const res = await relay.app.inject(`/v1/intents${query}`);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'ERR_FILTER_INVALID', path });
  });

  test('an unknown or repeated parameter is 400 ERR_BAD_REQUEST', async () => {
    for (const query of [
      '?categroy=lodging',
      '?category=lodging&category=travel',
      '?state=maybe',
      '?limit=0',
    ]) {
      const res = await relay.app.inject(`/v1/intents${query}`);
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('ERR_BAD_REQUEST');
    }
  });
});

describe('GET /v1/intents: the page', () => {
  test('serves each intent exactly as it was received, spacing and member order included', async () => {
    const intent = make.intent({ at: T0 });
    const entries = Object.entries(intent).reverse();
    const text = `{\n  ${entries.map(([k, v]) => `${JSON.stringify(k)} : ${JSON.stringify(v)}`).join(',\n  ')}\n}`;
    const posted = await relay.app.inject({
      method: 'POST',
      url: '/v1/messages',
      headers: { 'content-type': 'application/json' },
      payload: text,
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const other = make.intent({ at: T0 + 1 });
    await postAll(relay.app, other);
    const res = await relay.app.inject('/v1/intents?limit=1');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const page = res.json() as { intents: Intent[]; next?: string };
    expect(page.intents).toEqual([other]);
    const rest = await relay.app.inject(`/v1/intents?limit=1&cursor=${page.next}`);
    expect(rest.body).toBe(`{"intents":[${text}]}`);
    expect(rest.json().intents).toEqual([intent]);
  });
});
