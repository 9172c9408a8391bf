import { isValidWebhookSecret } from '@intentcast/core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  bearer,
  DAY,
  errorOf,
  intentBody,
  make,
  post,
  postAll,
  stopRelay,
  type TestRelay,
  tokenFor,
  VENDOR_A,
  VENDOR_B,
} from './relay-fixtures.js';
import {
  check,
  localWebhooks,
  type Receiver,
  register,
  startReceiver,
  verified,
  waitFor,
  webhookRelay,
} from './webhook-fixtures.js';

let relay: TestRelay;
let receiver: Receiver;
let tokenA: string;
let tokenB: string;

beforeEach(async () => {
  relay = await webhookRelay({ webhooks: localWebhooks({ maxEndpointsPerKey: 3 }) });
  receiver = await startReceiver();
  tokenA = await tokenFor(relay.app, VENDOR_A);
  tokenB = await tokenFor(relay.app, VENDOR_B);
});

afterEach(async () => {
  await stopRelay(relay);
  await receiver.close();
});

const inject = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  token?: string,
  payload?: unknown,
) =>
  relay.app.inject({
    method,
    url,
    ...(token === undefined ? {} : { headers: bearer(token) }),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

describe('registering endpoints', () => {
  test('needs an access token', async () => {
    for (const [method, url] of [
      ['POST', '/v1/webhooks'],
      ['GET', '/v1/webhooks'],
      ['GET', '/v1/webhooks/ep_AAAAAAAAAAAAAAAAAAAAAA'],
    ] as const) {
      const res = await inject(method, url, undefined, method === 'POST' ? { url: receiver.url } : undefined);
      expect(res.statusCode).toBe(401);
      expect(errorOf(res)).toEqual({
        code: 'ERR_UNAUTHORIZED',
        message: 'webhook endpoints need an access token (spec/auth.md)',
      });
    }
  });

  test('asks for the token before it looks at the request', async () => {
    const res = await inject('POST', '/v1/webhooks', undefined, { url: 42, colour: 'red' });
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('ERR_UNAUTHORIZED');
    const bad = await inject('GET', '/v1/webhooks?token=not-a-token');
    expect(bad.statusCode).toBe(401);
    expect(errorOf(bad).code).toBe('ERR_AUTH_INVALID');
  });

  test('answers with the endpoint and its secret, which is never shown again', async () => {
    const created = await register(relay.app, tokenA, {
      url: receiver.url,
      filter: { category: 'lodging', region: 'PT' },
      description: 'CRM',
    });
    expect(created.id).toMatch(/^ep_[A-Za-z0-9_-]{22}$/);
    expect(isValidWebhookSecret(created.secret)).toBe(true);
    expect(created).toMatchObject({
      url: receiver.url,
      filter: { category: 'lodging', region: 'PT' },
      events: [
        'intent.matched',
        'mailbox.offer',
        'mailbox.reply',
        'mailbox.withdraw',
        'mailbox.confirm',
        'intent.expired',
      ],
      description: 'CRM',
      enabled: true,
    });
    const one = await inject('GET', `/v1/webhooks/${created.id}`, tokenA);
    expect(one.statusCode).toBe(200);
    const { secret: _secret, ...shown } = created;
    expect(one.json()).toEqual(shown);
    const list = await inject('GET', '/v1/webhooks', tokenA);
    expect(list.json()).toEqual({ endpoints: [shown] });
  });

  test.each([
    [{ url: 'ftp://hooks.example/' }, 'ERR_BAD_REQUEST', '/url', 'url must be an https: or http: URL'],
    [{ url: 'not a url' }, 'ERR_BAD_REQUEST', '/url', 'url is not an absolute URL'],
    [
      { url: 'http://user:pw@127.0.0.1/' },
      'ERR_BAD_REQUEST',
      '/url',
      'url must not hold a user name or password',
    ],
    [
      { url: 'http://127.0.0.1/', filter: { region: 'pt' } },
      'ERR_FILTER_INVALID',
      '/filter/region',
      'filter.region: "pt" is not a region code',
    ],
    [
      { url: 'http://127.0.0.1/', filter: { budgetMin: '10' } },
      'ERR_FILTER_INVALID',
      '/filter/currency',
      'filter.currency: a budget filter needs an ISO 4217 currency code',
    ],
  ])('refuses %j with %s', async (body, code, path, message) => {
    const res = await inject('POST', '/v1/webhooks', tokenA, body);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toEqual({ code, path, message });
  });

  test.each([
    [{ url: 'http://127.0.0.1/', events: ['intent.created'] }, '/events/0'],
    [{ url: 'http://127.0.0.1/', events: [] }, '/events'],
    [{ url: 'http://127.0.0.1/', filter: { colour: 'red' } }, '/filter'],
    [{ url: 'http://127.0.0.1/', secret: 'whsec_mine' }, ''],
  ])('refuses the malformed body %j with ERR_BAD_REQUEST', async (body, path) => {
    const res = await inject('POST', '/v1/webhooks', tokenA, body);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('ERR_BAD_REQUEST');
    expect(errorOf(res).path ?? '').toBe(path);
  });

  test('a key may register only as many endpoints as the relay allows', async () => {
    for (let i = 0; i < 3; i++) await register(relay.app, tokenA, { url: receiver.url });
    const res = await inject('POST', '/v1/webhooks', tokenA, { url: receiver.url });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toEqual({
      code: 'ERR_BAD_REQUEST',
      message: 'a key may register at most 3 webhook endpoints',
    });
    // Another key has its own allowance.
    await register(relay.app, tokenB, { url: receiver.url });
  });

  test('is refused with ERR_NOT_FOUND when the relay has webhooks turned off', async () => {
    const off = await webhookRelay({ webhooks: { enabled: false } });
    const token = await tokenFor(off.app, VENDOR_A);
    const res = await off.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: bearer(token),
      payload: { url: receiver.url },
    });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('ERR_NOT_FOUND');
    expect(off.app.webhooks).toBeNull();
    await stopRelay(off);
  });
});

describe('privacy', () => {
  test('another key gets the same 404 for an endpoint as for one that does not exist', async () => {
    const mine = await register(relay.app, tokenA, { url: receiver.url });
    const unknown = 'ep_AAAAAAAAAAAAAAAAAAAAAA';
    const delivery = 'msg_AAAAAAAAAAAAAAAAAAAAAA';
    const routes = [
      ['GET', ''],
      ['PATCH', '', { enabled: false }],
      ['DELETE', ''],
      ['POST', '/rotate-secret'],
      ['GET', '/deliveries'],
      ['GET', `/deliveries/${delivery}`],
      ['POST', `/deliveries/${delivery}/redeliver`],
      ['POST', '/test'],
    ] as const;
    for (const [method, suffix, body] of routes) {
      const theirs = await inject(method, `/v1/webhooks/${mine.id}${suffix}`, tokenB, body);
      const none = await inject(method, `/v1/webhooks/${unknown}${suffix}`, tokenB, body);
      expect(theirs.statusCode).toBe(404);
      expect(theirs.body).toBe(none.body);
      expect(errorOf(theirs)).toEqual({
        code: 'ERR_NOT_FOUND',
        message: 'no webhook endpoint with this id is visible to the caller',
      });
    }
    expect((await inject('GET', '/v1/webhooks', tokenB)).json()).toEqual({ endpoints: [] });
    // Nothing the other key tried changed the endpoint.
    const still = await inject('GET', `/v1/webhooks/${mine.id}`, tokenA);
    expect(still.json()).toMatchObject({ enabled: true });
    expect(still.json().rotation).toBeUndefined();
    expect(receiver.requests).toHaveLength(0);
  });
});

describe('changing endpoints', () => {
  test('a new filter decides which intents are delivered from then on', async () => {
    const ep = await register(relay.app, tokenA, { url: receiver.url, filter: { category: 'lodging' } });
    const res = await inject('PATCH', `/v1/webhooks/${ep.id}`, tokenA, {
      filter: { category: 'food' },
      events: ['intent.matched'],
      description: 'kitchen',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ filter: { category: 'food' }, events: ['intent.matched'] });
    const hotel = make.intent({ at: Date.now() });
    const dinner = make.intent({ at: Date.now() }, intentBody({}, { category: 'food.restaurant' }));
    await postAll(relay.app, hotel, dinner);
    await waitFor(() => receiver.requests.length === 1, 'the food intent');
    const [only] = verified(receiver, ep.secret);
    expect(only!.event.type).toBe('intent.matched');
    expect((only!.event.data as { message: { id: string } }).message.id).toBe(dinner.id);
    const list = await inject('GET', `/v1/webhooks/${ep.id}/deliveries`, tokenA);
    expect(list.json().deliveries).toHaveLength(1);
  });

  test('turning an endpoint off sends endpoint.disabled once; turning it on resumes', async () => {
    const ep = await register(relay.app, tokenA, { url: receiver.url });
    const off = await inject('PATCH', `/v1/webhooks/${ep.id}`, tokenA, { enabled: false });
    expect(off.json()).toMatchObject({
      enabled: false,
      disabled: { reason: 'owner', detail: 'turned off by its owner' },
    });
    await waitFor(() => receiver.requests.length === 1, 'endpoint.disabled');
    const [told] = verified(receiver, ep.secret);
    expect(told!.event).toMatchObject({
      type: 'endpoint.disabled',
      data: { endpoint: ep.id, reason: 'owner' },
    });

    const missed = make.intent({ at: Date.now() });
    await postAll(relay.app, missed);
    const test = await inject('POST', `/v1/webhooks/${ep.id}/test`, tokenA);
    expect(errorOf(test)).toEqual({
      code: 'ERR_BAD_REQUEST',
      message: 'the endpoint is disabled; turn it on again (PATCH with "enabled": true) first',
    });

    const on = await inject('PATCH', `/v1/webhooks/${ep.id}`, tokenA, { enabled: true });
    expect(on.json().enabled).toBe(true);
    expect(on.json().disabled).toBeUndefined();
    const caught = make.intent({ at: Date.now() });
    await postAll(relay.app, caught);
    await waitFor(() => receiver.requests.length === 2, 'the intent posted after turning it on');
    // An intent committed while the endpoint was off was never queued for it.
    const ids = verified(receiver, ep.secret).map(
      (d) => (d.event.data as { message?: { id: string } }).message?.id,
    );
    expect(ids).toEqual([undefined, caught.id]);
  });

  test('deleting an endpoint deletes its deliveries; later intents are not queued for it', async () => {
    const ep = await register(relay.app, tokenA, { url: receiver.url });
    await postAll(relay.app, make.intent({ at: Date.now() }));
    await waitFor(() => receiver.requests.length === 1, 'the first intent');
    const res = await inject('DELETE', `/v1/webhooks/${ep.id}`, tokenA);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await inject('GET', `/v1/webhooks/${ep.id}`, tokenA)).statusCode).toBe(404);
    expect((await inject('GET', `/v1/webhooks/${ep.id}/deliveries`, tokenA)).statusCode).toBe(404);
    await postAll(relay.app, make.intent({ at: Date.now() }));
    expect((await relay.app.webhooks!.stats()).pending).toBe(0);
    expect(receiver.requests).toHaveLength(1);
  });

  test('rotating the secret shows the new one once and keeps the old one active for a day', async () => {
    const ep = await register(relay.app, tokenA, { url: receiver.url });
    const before = Date.now();
    const res = await inject('POST', `/v1/webhooks/${ep.id}/rotate-secret`, tokenA);
    expect(res.statusCode).toBe(200);
    const rotated = res.json();
    expect(isValidWebhookSecret(rotated.secret)).toBe(true);
    expect(rotated.secret).not.toBe(ep.secret);
    const expires = Date.parse(rotated.rotation.previousSecretExpires);
    expect(expires).toBeGreaterThanOrEqual(before + DAY);
    expect(expires).toBeLessThanOrEqual(Date.now() + DAY);
    expect((await inject('GET', `/v1/webhooks/${ep.id}`, tokenA)).json().secret).toBeUndefined();
  });
});

describe('deliveries', () => {
  test('a test event is delivered, listed with its attempts, and can be delivered again', async () => {
    const ep = await register(relay.app, tokenA, { url: receiver.url });
    const queued = await inject('POST', `/v1/webhooks/${ep.id}/test`, tokenA);
    expect(queued.statusCode).toBe(202);
    const { delivery } = queued.json();
    expect(delivery).toMatchObject({ type: 'test', status: 'pending', attemptCount: 0, attempts: [] });
    await waitFor(() => receiver.requests.length === 1, 'the test event');
    const [first] = verified(receiver, ep.secret);
    expect(first!.id).toBe(delivery.id);
    expect(first!.event).toMatchObject({ type: 'test', data: { endpoint: ep.id } });

    const one = await inject('GET', `/v1/webhooks/${ep.id}/deliveries/${delivery.id}`, tokenA);
    expect(one.json().delivery).toMatchObject({
      id: delivery.id,
      status: 'delivered',
      attemptCount: 1,
      attempts: [{ status: 204 }],
    });
    expect(one.json().delivery.nextAttempt).toBeUndefined();

    const again = await inject('POST', `/v1/webhooks/${ep.id}/deliveries/${delivery.id}/redeliver`, tokenA);
    expect(again.statusCode).toBe(202);
    expect(again.json().delivery).toMatchObject({ id: delivery.id, status: 'pending', attemptCount: 1 });
    await waitFor(() => receiver.requests.length === 2, 'the redelivery');
    const second = check(receiver.requests[1]!, ep.secret);
    expect(second.ok && second.value.id).toBe(delivery.id);
    expect(receiver.requests[1]!.body).toBe(receiver.requests[0]!.body);
  });

  test('a pending delivery cannot be redelivered; an unknown one is not found', async () => {
    receiver.respond = () => new Promise((resolve) => setTimeout(() => resolve(204), 300));
    const ep = await register(relay.app, tokenA, { url: receiver.url });
    const { delivery } = (await inject('POST', `/v1/webhooks/${ep.id}/test`, tokenA)).json();
    const pending = await inject('POST', `/v1/webhooks/${ep.id}/deliveries/${delivery.id}/redeliver`, tokenA);
    expect(errorOf(pending)).toEqual({
      code: 'ERR_BAD_REQUEST',
      message: 'the delivery is still pending; it will be attempted',
    });
    const unknown = await inject(
      'POST',
      `/v1/webhooks/${ep.id}/deliveries/msg_AAAAAAAAAAAAAAAAAAAAAA/redeliver`,
      tokenA,
    );
    expect(errorOf(unknown)).toEqual({
      code: 'ERR_NOT_FOUND',
      message: 'no delivery with this id is visible to the caller',
    });
  });

  test('the list pages newest first and filters by status', async () => {
    const ep = await register(relay.app, tokenA, { url: receiver.url, events: ['intent.matched'] });
    const intents = Array.from({ length: 5 }, (_, i) =>
      make.intent({ at: Date.now() }, intentBody({}, { description: `Room ${i}` })),
    );
    await postAll(relay.app, ...intents);
    await waitFor(() => receiver.requests.length === 5, 'five deliveries');
    const seen: number[] = [];
    let url = `/v1/webhooks/${ep.id}/deliveries?limit=2`;
    for (let page = 0; page < 5; page++) {
      const res = await inject('GET', url, tokenA);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { deliveries: { seq: number; status: string }[]; next?: string };
      seen.push(...body.deliveries.map((d) => d.seq));
      if (body.next === undefined) break;
      url = `/v1/webhooks/${ep.id}/deliveries?limit=2&cursor=${body.next}`;
    }
    expect(seen).toEqual([5, 4, 3, 2, 1]);
    const failed = await inject('GET', `/v1/webhooks/${ep.id}/deliveries?status=failed`, tokenA);
    expect(failed.json()).toEqual({ deliveries: [] });
    const bad = await inject('GET', `/v1/webhooks/${ep.id}/deliveries?cursor=i1.5`, tokenA);
    expect(errorOf(bad)).toEqual({
      code: 'ERR_CURSOR_INVALID',
      message: 'cursor is not one this relay issued',
      path: '/cursor',
    });
    const junk = await inject('GET', `/v1/webhooks/${ep.id}/deliveries?colour=red`, tokenA);
    expect(errorOf(junk).code).toBe('ERR_BAD_REQUEST');
  });

  test('the owner of an endpoint does not get its own intents', async () => {
    const ep = await register(relay.app, tokenA, { url: receiver.url });
    await post(relay.app, make.intent({ at: Date.now() }, intentBody(), VENDOR_A));
    const theirs = make.intent({ at: Date.now() });
    await postAll(relay.app, theirs);
    await waitFor(() => receiver.requests.length === 1, 'the other key’s intent');
    const [only] = verified(receiver, ep.secret);
    expect((only!.event.data as { message: { id: string } }).message.id).toBe(theirs.id);
  });
});
