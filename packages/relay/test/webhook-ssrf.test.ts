import { MockAgent } from 'undici';
import { afterEach, describe, expect, test } from 'vitest';
import { isPublicAddress, type ResolvedAddress } from '../src/webhooks/address.js';
import type { WebhookOptions } from '../src/webhooks/options.js';
import {
  bearer,
  errorOf,
  make,
  postAll,
  stopRelay,
  type TestRelay,
  tokenFor,
  VENDOR_A,
} from './relay-fixtures.js';
import {
  localWebhooks,
  type Receiver,
  register,
  startReceiver,
  until,
  waitFor,
  webhookRelay,
} from './webhook-fixtures.js';

const PUBLIC = '93.184.215.14';

/** A resolver with fixed answers; a name it does not know does not resolve. */
function resolverOf(names: Record<string, string[] | (() => string[])>) {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
    calls.push(hostname);
    const entry = names[hostname];
    const addresses = typeof entry === 'function' ? entry() : entry;
    if (addresses === undefined || addresses.length === 0) throw new Error(`${hostname} does not resolve`);
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolve, calls };
}

const relays: TestRelay[] = [];
const receivers: Receiver[] = [];
afterEach(async () => {
  for (const relay of relays.splice(0)) await stopRelay(relay);
  for (const receiver of receivers.splice(0)) await receiver.close();
});

/** A relay with the operator's default policy (no private targets) plus the given options. */
async function guarded(options: Partial<WebhookOptions>): Promise<TestRelay> {
  const relay = await webhookRelay({ webhooks: localWebhooks({ allowPrivateTargets: false, ...options }) });
  relays.push(relay);
  return relay;
}

describe('isPublicAddress', () => {
  test.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.20',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '224.0.0.251',
    '192.0.2.10',
    '198.18.0.1',
    '240.0.0.1',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '::127.0.0.1',
    '64:ff9b::a00:1',
    '2002:a00:1::1',
    '2001:0:4136:e378::1',
    '2001:db8::1',
    '127.1',
    '0x7f.0.0.1',
    'localhost',
    '',
  ])('refuses %j', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  test.each([PUBLIC, '8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8'])(
    'accepts %j',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

describe('registration refuses non-public targets', () => {
  const { resolve } = resolverOf({
    'loopback.test': ['127.0.0.1'],
    'mixed.test': [PUBLIC, '10.1.2.3'],
    'v6local.test': ['2606:4700:4700::1111', 'fd00::5'],
    'hooks.test': [PUBLIC, '2606:4700:4700::1111'],
  });

  test.each([
    ['http://127.0.0.1:8080/hooks', 'url names 127.0.0.1, which is not a public address'],
    ['http://10.0.0.1/', 'url names 10.0.0.1, which is not a public address'],
    ['http://192.168.1.20/', 'url names 192.168.1.20, which is not a public address'],
    ['http://169.254.169.254/latest/meta-data/', 'url names 169.254.169.254, which is not a public address'],
    ['http://[::1]/', 'url names [::1], which is not a public address'],
    ['http://[fc00::1]/', 'url names [fc00::1], which is not a public address'],
    ['http://[::ffff:127.0.0.1]/', 'url names [::ffff:7f00:1], which is not a public address'],
    ['http://2130706433/', 'url names 127.0.0.1, which is not a public address'],
    ['http://0x7f.1/', 'url names 127.0.0.1, which is not a public address'],
    ['http://loopback.test/', 'url host loopback.test resolves to 127.0.0.1, which is not a public address'],
    ['http://mixed.test/', 'url host mixed.test resolves to 10.1.2.3, which is not a public address'],
    ['http://v6local.test/', 'url host v6local.test resolves to fd00::5, which is not a public address'],
    ['http://nowhere.test/', 'url host nowhere.test does not resolve'],
  ])('%s', async (url, message) => {
    const relay = await guarded({ resolve });
    const token = await tokenFor(relay.app, VENDOR_A);
    const res = await relay.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: bearer(token),
      payload: { url },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toEqual({ code: 'ERR_BAD_REQUEST', message, path: '/url' });
    // A change of URL is checked the same way.
    const ok = await register(relay.app, token, { url: 'https://hooks.test/crm' });
    const patch = await relay.app.inject({
      method: 'PATCH',
      url: `/v1/webhooks/${ok.id}`,
      headers: bearer(token),
      payload: { url },
    });
    expect(errorOf(patch)).toEqual({ code: 'ERR_BAD_REQUEST', message, path: '/url' });
  });

  test('accepts a name whose every address is public, and refuses http: unless the operator allows it', async () => {
    const relay = await guarded({ resolve, allowHttpTargets: false });
    const token = await tokenFor(relay.app, VENDOR_A);
    const ok = await register(relay.app, token, { url: 'https://hooks.test/crm' });
    expect(ok.url).toBe('https://hooks.test/crm');
    const res = await relay.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: bearer(token),
      payload: { url: 'http://hooks.test/crm' },
    });
    expect(errorOf(res)).toEqual({
      code: 'ERR_BAD_REQUEST',
      message: 'url must be an https: URL',
      path: '/url',
    });
  });
});

describe('every attempt checks the address it connects to', () => {
  test('a name that resolves to loopback by the time of sending is refused, and nothing is sent', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const port = new URL(receiver.url).port;
    let rebound = false;
    const { resolve, calls } = resolverOf({ 'rebind.test': () => (rebound ? ['127.0.0.1'] : [PUBLIC]) });
    const relay = await guarded({ resolve });
    const token = await tokenFor(relay.app, VENDOR_A);
    const ep = await register(relay.app, token, { url: `http://rebind.test:${port}/hooks` });
    rebound = true;
    await postAll(relay.app, make.intent({ at: Date.now() }));
    const first = await until(async () => {
      const list = await relay.app.inject({
        url: `/v1/webhooks/${ep.id}/deliveries`,
        headers: bearer(token),
      });
      return list.json().deliveries[0]?.attempts[0];
    }, 'a refused attempt');
    expect(first).toEqual({
      at: expect.any(String),
      durationMs: expect.any(Number),
      error: 'refused: host rebind.test resolves to 127.0.0.1, which is not a public address',
    });
    expect(calls.filter((name) => name === 'rebind.test').length).toBeGreaterThanOrEqual(2);
    expect(receiver.requests).toHaveLength(0);
  });

  test('with private targets allowed, the same name reaches the receiver through the same lookup', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const port = new URL(receiver.url).port;
    const { resolve, calls } = resolverOf({ 'rebind.test': ['127.0.0.1'] });
    const relay = await guarded({ resolve, allowPrivateTargets: true });
    await register(relay.app, await tokenFor(relay.app, VENDOR_A), {
      url: `http://rebind.test:${port}/hooks`,
    });
    await postAll(relay.app, make.intent({ at: Date.now() }));
    await waitFor(() => receiver.requests.length === 1, 'the delivery');
    expect(receiver.requests[0]!.headers.host).toBe(`rebind.test:${port}`);
    expect(calls).toContain('rebind.test');
  });
});

describe('redirects are never followed', () => {
  test('a 3xx is a failed attempt, and its Location is not visited', async () => {
    const elsewhere = await startReceiver();
    const redirecting = await startReceiver(() => ({ status: 307, headers: { location: elsewhere.url } }));
    receivers.push(elsewhere, redirecting);
    const relay = await webhookRelay({ webhooks: localWebhooks({ retrySchedule: [20] }) });
    relays.push(relay);
    const token = await tokenFor(relay.app, VENDOR_A);
    const ep = await register(relay.app, token, { url: redirecting.url });
    await postAll(relay.app, make.intent({ at: Date.now() }));
    const delivery = await until(async () => {
      const list = await relay.app.inject({
        url: `/v1/webhooks/${ep.id}/deliveries`,
        headers: bearer(token),
      });
      const [first] = list.json().deliveries;
      return first?.status === 'failed' ? first : undefined;
    }, 'the delivery to be given up');
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ status: 307, error: `redirect to ${elsewhere.url} not followed` }),
      expect.objectContaining({ status: 307 }),
    ]);
    expect(redirecting.requests).toHaveLength(2);
    expect(elsewhere.requests).toHaveLength(0);
  });

  test('a redirect to a private address is reported and not followed', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const origin = agent.get('https://hooks.test');
    origin
      .intercept({ path: '/crm', method: 'POST' })
      .reply(302, '', { headers: { location: 'http://169.254.169.254/latest/meta-data/' } })
      .persist();
    const { resolve } = resolverOf({ 'hooks.test': [PUBLIC] });
    const relay = await guarded({ resolve, dispatcher: agent, retrySchedule: [20] });
    const token = await tokenFor(relay.app, VENDOR_A);
    const ep = await register(relay.app, token, { url: 'https://hooks.test/crm' });
    await postAll(relay.app, make.intent({ at: Date.now() }));
    const delivery = await until(async () => {
      const list = await relay.app.inject({
        url: `/v1/webhooks/${ep.id}/deliveries`,
        headers: bearer(token),
      });
      const [first] = list.json().deliveries;
      return first?.status === 'failed' ? first : undefined;
    }, 'the delivery to be given up');
    expect(delivery.attempts).toEqual([
      expect.objectContaining({
        status: 302,
        error: 'redirect to http://169.254.169.254/latest/meta-data/ not followed',
      }),
      expect.objectContaining({ status: 302 }),
    ]);
    await agent.close();
  });
});
