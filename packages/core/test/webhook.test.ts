import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  generateWebhookSecret,
  IntentcastError,
  isValidWebhookSecret,
  type Message,
  nobleBackend,
  parseWebhook,
  signWebhook,
  validateMessage,
  validateWebhook,
  verifyWebhook,
  WEBHOOK_EVENT_TYPES,
  type WebhookEvent,
  type WebhookEventType,
  type WebhookHeaderInput,
  type WebhookValidateOptions,
} from '@intentcast/core';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, test } from 'vitest';
import webhookEventSchema from '../../../spec/schemas/webhook-event.json' with { type: 'json' };
import { changed, sampleMessages } from './fixtures.js';

/** HMAC-SHA256 on node:crypto, written from the Standard Webhooks rules, to check core's signer against. */
function reference(secret: string, id: string, timestamp: string, body: string | Uint8Array): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64')}`;
}

const secretOf = (bytes: Uint8Array | number[]) => `whsec_${Buffer.from(bytes).toString('base64')}`;
const SECRET = secretOf(new Uint8Array(32).fill(0x11));
const OTHER = secretOf(new Uint8Array(32).fill(0x22));
const ID = 'msg_0123456789abcdefABCDEF';
const TS = 1768478400; // 2026-01-15T12:00:00Z
const AT = { now: TS * 1000 };
const messages = sampleMessages();
const event = (type: WebhookEventType, data: object) =>
  JSON.stringify({ type, timestamp: '2026-01-15T12:00:00Z', data });
const BODY = event('mailbox.reply', { endpoint: 'ep_1', seq: 7, message: messages.reply });

function delivery(body: string = BODY, secret: string | string[] = SECRET) {
  return { headers: signWebhook({ id: ID, timestamp: TS, body, secret }), body };
}

function failure(
  headers: unknown,
  body: unknown,
  secret: unknown,
  options: WebhookValidateOptions = AT,
  authentic = false,
): { message: string; path?: string } {
  const args = [headers, body, secret, options] as Parameters<typeof validateWebhook>;
  // verifyWebhook looks at the headers and signature only, so it passes an authentic delivery of a bad body.
  expect(verifyWebhook(...args)).toBe(authentic);
  const result = validateWebhook(...args);
  if (result.ok) throw new Error('expected the delivery to be refused');
  expect(result.code).toBe('ERR_WEBHOOK_INVALID');
  expect(() => parseWebhook(...args)).toThrow(IntentcastError);
  return result.path === undefined
    ? { message: result.message }
    : { message: result.message, path: result.path };
}

describe('signWebhook', () => {
  test('the published Standard Webhooks example gives its published signature', () => {
    const body = '{"test": 2432232314}';
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const headers = signWebhook({ id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, body, secret });
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(verifyWebhook(headers, body, secret, { now: 1614265330_000 })).toBe(true);
  });

  test('agrees with an independent HMAC for any id, time, body and secret', () => {
    const ids = fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/);
    const bytes = fc.uint8Array({ minLength: 24, maxLength: 64 });
    fc.assert(
      fc.property(
        ids,
        fc.integer({ min: 0, max: 99_999_999_999 }),
        fc.string(),
        bytes,
        (id, ts, body, key) => {
          const secret = secretOf(key);
          const headers = signWebhook({ id, timestamp: ts, body, secret });
          expect(headers).toEqual({
            'webhook-id': id,
            'webhook-timestamp': String(ts),
            'webhook-signature': reference(secret, id, String(ts), body),
          });
          expect(signWebhook({ id, timestamp: ts, body: Buffer.from(body), secret })).toEqual(headers);
        },
      ),
    );
  });

  test('writes one signature per active secret, in order', () => {
    const { headers } = delivery(BODY, [SECRET, OTHER]);
    expect(headers['webhook-signature']).toBe(
      `${reference(SECRET, ID, String(TS), BODY)} ${reference(OTHER, ID, String(TS), BODY)}`,
    );
  });

  test('uses the current time by default', () => {
    const before = Math.floor(Date.now() / 1000);
    const seconds = Number(signWebhook({ id: ID, body: BODY, secret: SECRET })['webhook-timestamp']);
    expect(seconds).toBeGreaterThanOrEqual(before);
    expect(seconds).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  test.each([
    [{ id: 'msg.1' }, 'id must be 1 to 128 characters of A-Z, a-z, 0-9, "_" and "-"'],
    [{ id: '' }, 'id must be 1 to 128 characters of A-Z, a-z, 0-9, "_" and "-"'],
    [
      { timestamp: 1768478400000 },
      'timestamp must be whole Unix seconds (at most 11 digits), got 1768478400000',
    ],
    [{ timestamp: 1.5 }, 'timestamp must be whole Unix seconds (at most 11 digits), got 1.5'],
    [{ timestamp: -1 }, 'timestamp must be whole Unix seconds (at most 11 digits), got -1'],
    [{ body: 'a\ud800' }, 'body holds a lone surrogate'],
    [{ body: 42 }, 'body must be a string or a Uint8Array'],
    [{ secret: 'sk_abc' }, 'secret must be "whsec_" followed by base64'],
    [{ secret: [] }, 'no secret given'],
  ])('refuses %j', (change, message) => {
    const input = { id: ID, timestamp: TS, body: BODY, secret: SECRET, ...change };
    expect(() => signWebhook(input as Parameters<typeof signWebhook>[0])).toThrow(
      expect.objectContaining({ code: 'ERR_WEBHOOK_INVALID', message }),
    );
  });
});

describe('secrets', () => {
  test('generateWebhookSecret makes valid, distinct secrets of the size asked', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(isValidWebhookSecret(secret)).toBe(true);
    expect(generateWebhookSecret()).not.toBe(secret);
    expect(generateWebhookSecret(24)).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(generateWebhookSecret(64)).toMatch(/^whsec_[A-Za-z0-9+/]{86}==$/);
  });

  test.each([23, 65, 32.5])('generateWebhookSecret(%d) is refused', (bytes) => {
    expect(() => generateWebhookSecret(bytes)).toThrow(
      new RangeError(`"bytes" expected an integer from 24 to 64, got ${bytes}`),
    );
  });

  const BASE64_MESSAGE =
    'secret: the part after "whsec_" is not canonical base64 with padding (RFC 4648 section 4)';
  const lastCharBumped = (secret: string) => secret.replace(/A==$/, 'B==');
  test.each([
    ['no prefix', Buffer.alloc(32).toString('base64'), 'secret must be "whsec_" followed by base64'],
    ['not a string', 42, 'secret must be "whsec_" followed by base64'],
    ['URL-safe alphabet', `whsec_${'_'.repeat(32)}`, BASE64_MESSAGE],
    ['padding left off', secretOf(new Uint8Array(25)).slice(0, -2), BASE64_MESSAGE],
    ['unused bits set', lastCharBumped(secretOf(new Uint8Array(25))), BASE64_MESSAGE],
    ['16 bytes', secretOf(new Uint8Array(16)), 'secret must hold 24 to 64 bytes, got 16'],
    ['65 bytes', secretOf(new Uint8Array(65)), 'secret must hold 24 to 64 bytes, got 65'],
  ])('a secret with %s is refused', (_name, secret, message) => {
    expect(isValidWebhookSecret(secret)).toBe(false);
    const { headers, body } = delivery();
    expect(failure(headers, body, secret)).toEqual({ message });
  });

  test('24 and 64 bytes are the bounds', () => {
    expect(isValidWebhookSecret(secretOf(new Uint8Array(24)))).toBe(true);
    expect(isValidWebhookSecret(secretOf(new Uint8Array(64)))).toBe(true);
  });
});

describe('verifying a delivery', () => {
  test('a signed delivery verifies and parses', () => {
    const { headers, body } = delivery();
    expect(verifyWebhook(headers, body, SECRET, AT)).toBe(true);
    expect(validateWebhook(headers, body, SECRET, AT)).toEqual({
      ok: true,
      value: { id: ID, timestamp: TS, event: JSON.parse(BODY) },
    });
    expect(parseWebhook(headers, new TextEncoder().encode(body), SECRET, AT).event.type).toBe(
      'mailbox.reply',
    );
  });

  test('headers may come as a Headers instance or in any case', () => {
    const { headers, body } = delivery();
    expect(verifyWebhook(new Headers(headers), body, SECRET, AT)).toBe(true);
    const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verifyWebhook(upper, body, SECRET, AT)).toBe(true);
  });

  test('repeated signature headers are all considered', () => {
    const { headers, body } = delivery();
    const good = headers['webhook-signature'];
    const bad = reference(OTHER, ID, String(TS), body);
    expect(verifyWebhook({ ...headers, 'webhook-signature': [bad, good] }, body, SECRET, AT)).toBe(true);
    const fetchHeaders = new Headers(headers);
    fetchHeaders.set('webhook-signature', good);
    fetchHeaders.append('webhook-signature', bad);
    expect(verifyWebhook(fetchHeaders, body, SECRET, AT)).toBe(true);
  });

  test('during a rotation either secret verifies, and other versions are ignored', () => {
    const { headers, body } = delivery(BODY, [SECRET, OTHER]);
    expect(verifyWebhook(headers, body, SECRET, AT)).toBe(true);
    expect(verifyWebhook(headers, body, OTHER, AT)).toBe(true);
    expect(verifyWebhook(headers, body, [secretOf(new Uint8Array(32)), OTHER], AT)).toBe(true);
    const mixed = `v2,${headers['webhook-signature'].split(' ')[0]!.slice(3)} v1a,xyz junk ${headers['webhook-signature']}`;
    expect(verifyWebhook({ ...headers, 'webhook-signature': mixed }, body, OTHER, AT)).toBe(true);
  });

  test('the tolerance is 300 seconds either way unless set', () => {
    const { headers, body } = delivery();
    for (const offset of [-300, 0, 300, 300.999]) {
      expect(verifyWebhook(headers, body, SECRET, { now: (TS + offset) * 1000 }), `${offset}`).toBe(true);
    }
    expect(verifyWebhook(headers, body, SECRET, { now: new Date((TS + 10) * 1000), toleranceSec: 10 })).toBe(
      true,
    );
    expect(failure(headers, body, SECRET, { now: (TS + 11) * 1000, toleranceSec: 10 })).toEqual({
      message: "webhook-timestamp is 11 seconds behind the receiver's clock; the tolerance is 10",
    });
    expect(failure(headers, body, SECRET, { now: (TS + 301) * 1000 })).toEqual({
      message: "webhook-timestamp is 301 seconds behind the receiver's clock; the tolerance is 300",
    });
    expect(failure(headers, body, SECRET, { now: (TS - 301) * 1000 })).toEqual({
      message: "webhook-timestamp is 301 seconds ahead of the receiver's clock; the tolerance is 300",
    });
  });

  test('bad options are a bug, not a refusal', () => {
    const { headers, body } = delivery();
    expect(() => validateWebhook(headers, body, SECRET, { toleranceSec: -1 })).toThrow(
      new TypeError('"toleranceSec" expected a non-negative number, got -1'),
    );
    expect(() => validateWebhook(headers, body, SECRET, { now: Number.NaN })).toThrow(
      new TypeError('"now" expected a Date or epoch milliseconds'),
    );
    expect(verifyWebhook(headers, body, SECRET, { toleranceSec: -1 })).toBe(false);
  });

  const base = delivery().headers;
  const without = (name: string) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== name));
  test.each([
    ['no headers object', null, 'headers must be an object or a Headers instance'],
    ['no webhook-id', without('webhook-id'), 'missing header webhook-id'],
    ['no webhook-timestamp', without('webhook-timestamp'), 'missing header webhook-timestamp'],
    ['no webhook-signature', without('webhook-signature'), 'missing header webhook-signature'],
    ['webhook-id twice', { ...base, 'Webhook-Id': ID }, 'header webhook-id appears more than once'],
    ['webhook-id as a list', { ...base, 'webhook-id': [ID, ID] }, 'header webhook-id appears more than once'],
    ['a number', { ...base, 'webhook-timestamp': TS }, 'header webhook-timestamp must be a string'],
    [
      'a dot in the id',
      { ...base, 'webhook-id': 'msg.1' },
      'webhook-id must be 1 to 128 characters of A-Z, a-z, 0-9, "_" and "-", got "msg.1"',
    ],
    [
      'a long id',
      { ...base, 'webhook-id': 'a'.repeat(129) },
      `webhook-id must be 1 to 128 characters of A-Z, a-z, 0-9, "_" and "-", got "${'a'.repeat(32)}..."`,
    ],
    [
      'a timestamp in ms',
      { ...base, 'webhook-timestamp': `${TS}000` },
      'webhook-timestamp must be whole Unix seconds, got "1768478400000"',
    ],
    [
      'a leading zero',
      { ...base, 'webhook-timestamp': `0${TS}` },
      'webhook-timestamp must be whole Unix seconds, got "01768478400"',
    ],
    [
      'a fraction',
      { ...base, 'webhook-timestamp': `${TS}.0` },
      'webhook-timestamp must be whole Unix seconds, got "1768478400.0"',
    ],
    [
      'an RFC 3339 time',
      { ...base, 'webhook-timestamp': '2026-01-15T12:00:00Z' },
      'webhook-timestamp must be whole Unix seconds, got "2026-01-15T12:00:00Z"',
    ],
    [
      'no v1 entry',
      { ...base, 'webhook-signature': 'v2,abc v1a,def' },
      'webhook-signature holds no v1 signature',
    ],
    [
      'a malformed signature',
      { ...base, 'webhook-signature': 'v1' },
      'webhook-signature holds no v1 signature',
    ],
    ['an empty signature', { ...base, 'webhook-signature': '' }, 'webhook-signature holds no v1 signature'],
    [
      'a bad v1 value',
      { ...base, 'webhook-signature': 'v1,AAAA' },
      'no v1 signature in webhook-signature matches the secret',
    ],
    [
      'a huge signature',
      { ...base, 'webhook-signature': `${base['webhook-signature']} `.repeat(100) },
      'webhook-signature is longer than 4096 characters',
    ],
    [
      'another delivery id',
      { ...base, 'webhook-id': 'msg_other' },
      'no v1 signature in webhook-signature matches the secret',
    ],
    [
      'another timestamp',
      { ...base, 'webhook-timestamp': String(TS + 1) },
      'no v1 signature in webhook-signature matches the secret',
    ],
  ])('refuses %s', (_name, headers, message) => {
    expect(failure(headers, BODY, SECRET)).toEqual({ message });
  });

  test('refuses a wrong secret and a tampered body', () => {
    const { headers, body } = delivery();
    expect(failure(headers, body, OTHER)).toEqual({
      message: 'no v1 signature in webhook-signature matches the secret',
    });
    expect(failure(headers, body.replace('"seq":7', '"seq":8'), SECRET)).toEqual({
      message: 'no v1 signature in webhook-signature matches the secret',
    });
    expect(failure(headers, 42, SECRET)).toEqual({ message: 'body must be a string or a Uint8Array' });
  });

  test('a flipped bit anywhere in the body is refused', () => {
    const { headers, body } = delivery();
    const bytes = new TextEncoder().encode(body);
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.nat(7), (index, bit) => {
        const copy = bytes.slice();
        copy[index]! ^= 1 << bit;
        expect(verifyWebhook(headers, copy, SECRET, AT)).toBe(false);
      }),
    );
  });

  test('hostile input of any shape is refused without throwing', () => {
    const { headers, body } = delivery();
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (h, b, s) => {
        expect(verifyWebhook(h as WebhookHeaderInput, b as string, s as string, AT)).toBe(false);
        expect(validateWebhook(h as WebhookHeaderInput, b as string, s as string, AT).ok).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (id, timestamp, signature) => {
        const junk = { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature };
        expect(verifyWebhook({ ...headers, 'webhook-signature': signature }, body, SECRET, AT)).toBe(false);
        expect(validateWebhook(junk, body, SECRET, AT).ok).toBe(false);
      }),
    );
  });
});

describe('the event body', () => {
  const { intent, offer, reply, withdraw, confirm } = messages;
  const bodies: [WebhookEventType, object][] = [
    ['intent.matched', { endpoint: 'ep_1', seq: 1, message: intent }],
    ['mailbox.offer', { endpoint: 'ep_1', seq: 2, message: offer }],
    ['mailbox.reply', { endpoint: 'ep_1', seq: 3, message: reply }],
    ['mailbox.withdraw', { endpoint: 'ep_1', seq: 4, message: withdraw }],
    ['mailbox.confirm', { endpoint: 'ep_1', seq: 5, message: confirm }],
    ['intent.expired', { endpoint: 'ep_1', seq: 9007199254740991, message: intent }],
    ['endpoint.disabled', { endpoint: 'ep_1', reason: 'failures' }],
    ['test', { endpoint: 'a'.repeat(64) }],
  ];

  test('the event types are those of the schema, and each is tested here', () => {
    expect(WEBHOOK_EVENT_TYPES).toEqual(webhookEventSchema.properties.type.enum);
    expect(bodies.map(([type]) => type)).toEqual([...WEBHOOK_EVENT_TYPES]);
  });

  test.each(bodies)('a %s event is accepted', (type, data) => {
    const { headers, body } = delivery(event(type, data));
    expect(parseWebhook(headers, body, SECRET, AT).event).toEqual({
      type,
      timestamp: '2026-01-15T12:00:00Z',
      data,
    });
  });

  test('the messages inside stay valid on their own', () => {
    for (const [, data] of bodies) {
      if ('message' in data) expect(validateMessage(data.message, { checkTime: false }).ok).toBe(true);
    }
  });

  const sigFlipped = changed(reply, {
    '/sig': `${reply.sig.slice(0, -1)}${reply.sig.endsWith('0') ? '1' : '0'}`,
  });
  test.each([
    ['not JSON', 'not json', /^body is not acceptable JSON: not valid JSON: /, undefined],
    [
      'duplicate names',
      '{"type":"test","type":"test"}',
      'body is not acceptable JSON: duplicate member name "type"',
      undefined,
    ],
    [
      'too large',
      ' '.repeat(262_145),
      'body is not acceptable JSON: JSON text is 262145 bytes; the limit is 262144',
      undefined,
    ],
    ['an array', '[]', 'body is not a webhook event: / must be object', ''],
    [
      'an unknown type',
      event('order.created' as WebhookEventType, {}),
      `body is not a webhook event: /type must be one of ${WEBHOOK_EVENT_TYPES.map((t) => `"${t}"`).join(', ')}`,
      '/type',
    ],
    [
      'no seq',
      event('mailbox.reply', { endpoint: 'ep_1', message: reply }),
      'body is not a webhook event: /data/seq is required',
      '/data/seq',
    ],
    [
      'seq 0',
      event('mailbox.reply', { endpoint: 'ep_1', seq: 0, message: reply }),
      'body is not a webhook event: /data/seq must be >= 1',
      '/data/seq',
    ],
    [
      'a bad endpoint',
      event('test', { endpoint: 'ep/1' }),
      'body is not a webhook event: /data/endpoint must match pattern "^[A-Za-z0-9_-]{1,64}$"',
      '/data/endpoint',
    ],
    [
      'an extra member',
      `${BODY.slice(0, -1)},"extra":1}`,
      'body is not a webhook event: /extra is not allowed here',
      '/extra',
    ],
    [
      'a member name that needs escaping',
      `${BODY.slice(0, -1)},"a/b~c":1}`,
      'body is not a webhook event: /a~1b~0c is not allowed here',
      '/a~1b~0c',
    ],
    [
      'an extra data member',
      event('test', { endpoint: 'ep_1', seq: 1 }),
      'body is not a webhook event: /data/seq is not allowed here',
      '/data/seq',
    ],
    [
      'a bad reason',
      event('endpoint.disabled', { endpoint: 'ep_1', reason: 'tired' }),
      'body is not a webhook event: /data/reason must be one of "failures", "owner", "operator"',
      '/data/reason',
    ],
    [
      'an offer for an intent event',
      event('intent.matched', { endpoint: 'ep_1', seq: 1, message: offer }),
      'body is not a webhook event: /data/message/type must be "intent"',
      '/data/message/type',
    ],
    [
      'a forged message',
      event('mailbox.reply', { endpoint: 'ep_1', seq: 3, message: sigFlipped }),
      'body: the message does not validate: ERR_SIGNATURE_INVALID signature does not verify under the author key',
      '/data/message/sig',
    ],
  ])('refuses %s', (_name, body, message, path) => {
    const { headers } = delivery(body);
    const result = failure(headers, body, SECRET, AT, true);
    if (typeof message === 'string') expect(result.message).toBe(message);
    else expect(result.message).toMatch(message);
    expect(result.path).toBe(path);
  });

  test('checkMessage: false checks the form of the message only', () => {
    const body = event('mailbox.reply', { endpoint: 'ep_1', seq: 3, message: sigFlipped });
    const { headers } = delivery(body);
    expect(validateWebhook(headers, body, SECRET, { ...AT, checkMessage: false }).ok).toBe(true);
    expect(validateWebhook(headers, body, SECRET, { ...AT, backend: nobleBackend }).ok).toBe(false);
  });

  test('the event type narrows the data', () => {
    expectTypeOf<WebhookEvent<'mailbox.offer'>['data']['message']>().toEqualTypeOf<Message<'offer'>>();
    expectTypeOf<WebhookEvent<'endpoint.disabled'>['data']>().toEqualTypeOf<{
      endpoint: string;
      reason: 'failures' | 'owner' | 'operator';
    }>();
    const check = (e: WebhookEvent) => (e.type === 'intent.expired' ? e.data.message.body.offerCap : 0);
    expectTypeOf(check).returns.toEqualTypeOf<number>();
  });
});

describe('spec/webhooks.md', () => {
  const text = readFileSync(new URL('../../../spec/webhooks.md', import.meta.url), 'utf8');
  const block = (info: string) => {
    const match = new RegExp(`\`\`\`${info}\\n([\\s\\S]*?)\\n\`\`\``).exec(text);
    expect(match, info).not.toBeNull();
    return match![1]!;
  };
  /** The `name: value` lines of a block, as a lookup that fails the test on a missing name. */
  const fields = (info: string) => {
    const map = new Map(
      block(info)
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)] as const),
    );
    return (name: string): string => {
      expect(map.has(name), `${info}: ${name}`).toBe(true);
      return map.get(name)!;
    };
  };
  const example = fields('text webhook-example');
  const [secret, body] = [example('secret'), example('body')];
  const headers = {
    'webhook-id': example('webhook-id'),
    'webhook-timestamp': example('webhook-timestamp'),
    'webhook-signature': example('webhook-signature'),
  };
  const timestamp = Number(headers['webhook-timestamp']);

  test('the example delivery is signed as shown and verifies', () => {
    expect(signWebhook({ id: headers['webhook-id'], timestamp, body, secret })).toEqual(headers);
    expect(reference(secret, headers['webhook-id'], headers['webhook-timestamp'], body)).toBe(
      headers['webhook-signature'],
    );
    const result = validateWebhook(headers, body, secret, { now: timestamp * 1000 });
    expect(result).toMatchObject({ ok: true, value: { id: headers['webhook-id'], timestamp } });
    expect(JSON.parse(block('json webhook-event'))).toEqual(JSON.parse(body));
  });

  test('the window the example states is the one enforced', () => {
    const window = /clock reads between (\d+) and (\d+)/.exec(text)!;
    const [first, last] = [Number(window[1]), Number(window[2])];
    expect(last - first).toBe(600);
    const cases = [
      [first - 1, false],
      [first, true],
      [last, true],
      [last + 1, false],
    ] as const;
    for (const [seconds, ok] of cases) {
      expect(verifyWebhook(headers, body, secret, { now: seconds * 1000 }), `${seconds}`).toBe(ok);
    }
  });

  test('the rotation example holds a signature per secret, and either verifies', () => {
    const rotation = fields('text webhook-rotation');
    const secrets = rotation('secrets').split(' ');
    const signature = rotation('webhook-signature');
    expect(secrets[0]).toBe(secret);
    const signed = signWebhook({ id: headers['webhook-id'], timestamp, body, secret: secrets });
    expect(signed['webhook-signature']).toBe(signature);
    for (const one of secrets) {
      expect(
        verifyWebhook({ ...headers, 'webhook-signature': signature }, body, one, { now: timestamp * 1000 }),
      ).toBe(true);
    }
  });
});
