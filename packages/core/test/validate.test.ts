import {
  assertMessage,
  canonicalBytes,
  canonicalJson,
  compareAmounts,
  type ErrorCode,
  fromHex,
  IntentcastError,
  isValidMessage,
  type JsonValue,
  LIMITS,
  MESSAGE_TYPES,
  type Message,
  messageId,
  nobleBackend,
  parseMessage,
  REASON_CODES,
  SCHEMAS,
  toHex,
  utf8,
  type VerifyOptions,
  validateMessage,
  verifyMessage,
} from '@intentcast/core';
import { createNodeBackend } from '@intentcast/core/node';
import { afterEach, describe, expect, it, test, vi } from 'vitest';
import {
  buyer,
  changed,
  DAY,
  forge,
  HOUR,
  intentBody,
  LIVE,
  makeIntent,
  makeReply,
  NOW,
  rawDidKey,
  resigned,
  SECOND,
  SMALL_ORDER_POINTS,
  sampleMessages,
  stranger,
  TERMS,
} from './fixtures.js';

const messages = sampleMessages();
const { intent, offer, reply } = messages;

interface Refusal {
  description: string;
  input: unknown;
  code: ErrorCode;
  message: string;
  path?: string;
  options?: VerifyOptions;
}

function expectRefusal({ input, code, message, path, options = LIVE }: Refusal): void {
  expect(validateMessage(input, options)).toEqual({ ok: false, code, message, path });
  expect(verifyMessage(input, options)).toBe(false);
  expect(() => parseMessage(input, options)).toThrow(expect.objectContaining({ code, message, path }));
}

/** A refusal by the schema: `changes` made to `base`, signed again; ajv's message is the path, then why. */
function schema(
  what: string,
  base: Message,
  changes: Record<string, unknown>,
  path: string,
  detail: string,
): Refusal {
  return {
    description: `ERR_SCHEMA: ${what}`,
    input: resigned(base, changes),
    code: 'ERR_SCHEMA',
    message: `${path} ${detail}`,
    path,
  };
}

const wholeSize = (message: object) => utf8(canonicalJson(message as JsonValue)).length;
const hugeDescription = changed(intent, { '/body/what/description': 'x'.repeat(70_000) });
const deepExt = (depth: number): unknown => (depth === 0 ? 1 : [deepExt(depth - 1)]);

describe('a valid message', () => {
  test.each(MESSAGE_TYPES)('of type %s validates and comes back unchanged', (type) => {
    expect(validateMessage(messages[type], LIVE)).toEqual({ ok: true, value: messages[type] });
    expect(parseMessage(messages[type], LIVE)).toEqual(messages[type]);
    expect(assertMessage(messages[type], LIVE)).toEqual(messages[type]);
    expect(verifyMessage(messages[type], LIVE)).toBe(true);
    expect(isValidMessage(messages[type], LIVE)).toBe(true);
  });

  const forms = [
    { form: 'compact JSON text', encode: (m: object): unknown => JSON.stringify(m) },
    { form: 'indented JSON text', encode: (m: object): unknown => JSON.stringify(m, null, 2) },
    { form: 'UTF-8 bytes', encode: (m: object): unknown => utf8(JSON.stringify(m)) },
    { form: 'a parsed object', encode: (m: object): unknown => structuredClone(m) },
  ];

  describe.each(forms)('given as $form', ({ encode }) => {
    test.each(MESSAGE_TYPES)('%s validates to the same message', (type) => {
      expect(validateMessage(encode(messages[type]), LIVE)).toEqual({ ok: true, value: messages[type] });
    });

    it('is refused for the same reason', () => {
      const broken = changed(intent, { '/body/what/quantity': 2 });
      expect(validateMessage(encode(broken), LIVE)).toEqual({
        ok: false,
        code: 'ERR_ID_MISMATCH',
        message: `id does not match the content; expected ${messageId(broken)}`,
        path: '/id',
      });
    });
  });

  it('validates with the node backend as with the noble one', () => {
    const backend = createNodeBackend();
    for (const type of MESSAGE_TYPES) expect(verifyMessage(messages[type], { ...LIVE, backend })).toBe(true);
    const bad = forge(intent, stranger.secretKey);
    expect(validateMessage(bad, { ...LIVE, backend })).toEqual(validateMessage(bad, LIVE));
  });

  it('is not changed by validation (a frozen message validates)', () => {
    const frozen = structuredClone(offer);
    const freeze = (value: object) => {
      Object.freeze(value);
      for (const child of Object.values(value))
        if (typeof child === 'object' && child !== null) freeze(child);
    };
    freeze(frozen);
    expect(verifyMessage(frozen, LIVE)).toBe(true);
  });
});

describe('refusals, with code, message and path', () => {
  const refusals: Refusal[] = [
    // Size and JSON form
    {
      description: 'ERR_TOO_LARGE: a canonical form over LIMITS.maxMessageBytes (a huge description)',
      input: hugeDescription,
      code: 'ERR_TOO_LARGE',
      message: `canonical form is ${canonicalBytes(hugeDescription).length} bytes; the limit is ${LIMITS.maxMessageBytes}`,
    },
    {
      description: 'ERR_TOO_LARGE: JSON text over LIMITS.maxTextBytes',
      input: JSON.stringify(intent).padEnd(LIMITS.maxTextBytes + 1, ' '),
      code: 'ERR_TOO_LARGE',
      message: `JSON text is ${LIMITS.maxTextBytes + 1} bytes; the limit is ${LIMITS.maxTextBytes}`,
    },
    {
      description: 'ERR_TOO_DEEP: an extension value nested past LIMITS.maxDepth',
      input: changed(intent, { '/ext': { 'org.example.deep': deepExt(LIMITS.maxDepth - 1) } }),
      code: 'ERR_TOO_DEEP',
      message: `JSON nests deeper than ${LIMITS.maxDepth} levels`,
      path: `/ext/org.example.deep${'/0'.repeat(LIMITS.maxDepth - 2)}`,
    },
    {
      description: 'ERR_JSON: a duplicate member name in the text',
      input: JSON.stringify(intent).replace('{', `{"nonce":"${'00'.repeat(16)}",`),
      code: 'ERR_JSON',
      message: 'duplicate member name "nonce"',
    },
    {
      description: 'ERR_JSON: an object holding undefined',
      input: { ...offer, body: { ...offer.body, note: undefined } },
      code: 'ERR_JSON',
      message: 'undefined is not a JSON value',
      path: '/body/note',
    },
    // Version and type
    {
      description: 'ERR_SCHEMA: not an object',
      input: '[]',
      code: 'ERR_SCHEMA',
      message: 'a message must be a JSON object',
      path: '',
    },
    {
      description: 'ERR_UNSUPPORTED_VERSION: protocol intentcast/2',
      input: resigned(intent, { '/protocol': 'intentcast/2' }),
      code: 'ERR_UNSUPPORTED_VERSION',
      message: 'protocol must be "intentcast/1", got "intentcast/2"',
      path: '/protocol',
    },
    {
      description: 'ERR_UNSUPPORTED_VERSION: no protocol',
      input: resigned(intent, { '/protocol': undefined }),
      code: 'ERR_UNSUPPORTED_VERSION',
      message: 'protocol must be "intentcast/1", got nothing',
      path: '/protocol',
    },
    {
      description: 'ERR_UNKNOWN_TYPE: type bid',
      input: resigned(intent, { '/type': 'bid' }),
      code: 'ERR_UNKNOWN_TYPE',
      message: 'type must be one of intent, offer, reply, withdraw, confirm, got "bid"',
      path: '/type',
    },
    // Schema
    schema('a missing envelope field', intent, { '/nonce': undefined }, '/nonce', 'is required'),
    schema(
      'a missing body field',
      intent,
      { '/body/what/description': undefined },
      '/body/what/description',
      'is required',
    ),
    schema(
      'an extra body field',
      intent,
      { '/body/what/colour': 'red' },
      '/body/what/colour',
      'is not allowed here',
    ),
    schema('an unknown top-level field', intent, { '/extra': true }, '/extra', 'is not allowed here'),
    schema(
      'a nonce that is not lowercase hex',
      intent,
      { '/nonce': 'ABCDEF'.repeat(6) },
      '/nonce',
      'must match pattern "^(?:[0-9a-f]{2}){16,32}$"',
    ),
    schema(
      'a currency in lowercase',
      intent,
      { '/body/budget/currency': 'eur' },
      '/body/budget/currency',
      'must match pattern "^[A-Z]{3}$"',
    ),
    schema(
      'a fractional quantity',
      intent,
      { '/body/what/quantity': 1.5 },
      '/body/what/quantity',
      'must be integer',
    ),
    schema(
      'an amount as a JSON number',
      offer,
      { '/body/price/amount': 164.5 },
      '/body/price/amount',
      'must be string',
    ),
    schema('an offer without ref', offer, { '/ref': undefined }, '/ref', 'is required'),
    schema(
      'an offer without price and without sealed',
      offer,
      { '/body/price': undefined },
      '/body/price',
      'is required',
    ),
    schema(
      'a counter without counter terms',
      reply,
      { '/body': { decision: 'counter' } },
      '/body/counter',
      'is required',
    ),
    schema(
      'a decline without reason',
      reply,
      { '/body': { decision: 'decline' } },
      '/body/reason',
      'is required',
    ),
    schema(
      'an accept without terms',
      reply,
      { '/body': { decision: 'accept' } },
      '/body/terms',
      'is required',
    ),
    schema(
      'a question without text',
      reply,
      { '/body': { decision: 'question' } },
      '/body/text',
      'is required',
    ),
    schema(
      'an unknown reason',
      reply,
      { '/body': { decision: 'decline', reason: 'mood' } },
      '/body/reason',
      `must be one of ${REASON_CODES.map((code) => JSON.stringify(code)).join(', ')}`,
    ),
    schema(
      'an extension name that is not reverse-DNS',
      intent,
      { '/ext': { loyalty: 1 } },
      '/ext',
      'must match pattern "^[a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+$"',
    ),
    schema(
      'a timestamp with an offset',
      intent,
      { '/created': '2026-01-15T12:00:00+00:00' },
      '/created',
      `must match pattern "${SCHEMAS.defs.$defs.timestamp.pattern}"`,
    ),
    // Values a schema cannot check
    {
      description: 'ERR_TIME_INVALID: created on February 30',
      input: resigned(intent, { '/created': '2026-02-30T12:00:00Z' }),
      code: 'ERR_TIME_INVALID',
      message: '"2026-02-30T12:00:00Z" is not a real UTC time',
      path: '/created',
    },
    {
      description: 'ERR_TIME_INVALID: expires on February 29 of a common year',
      input: resigned(intent, { '/expires': '2026-02-29T12:00:00Z' }),
      code: 'ERR_TIME_INVALID',
      message: '"2026-02-29T12:00:00Z" is not a real UTC time',
      path: '/expires',
    },
    {
      description: 'ERR_TIME_INVALID: a window starting on April 31',
      input: resigned(intent, { '/body/when/start': '2026-04-31T00:00:00Z' }),
      code: 'ERR_TIME_INVALID',
      message: '"2026-04-31T00:00:00Z" is not a real UTC time',
      path: '/body/when/start',
    },
    {
      description: 'ERR_TIME_RANGE: expires before created',
      input: resigned(intent, { '/expires': '2026-01-15T11:59:59Z' }),
      code: 'ERR_TIME_RANGE',
      message: '/expires must be after /created',
      path: '/expires',
    },
    {
      description: 'ERR_TIME_RANGE: expires equal to created',
      input: resigned(intent, { '/expires': intent.created }),
      code: 'ERR_TIME_RANGE',
      message: '/expires must be after /created',
      path: '/expires',
    },
    {
      description: 'ERR_TIME_RANGE: a lifetime one second over 366 days',
      input: resigned(intent, {
        '/expires': new Date(NOW + 366 * DAY + SECOND).toISOString().replace('.000Z', 'Z'),
      }),
      code: 'ERR_TIME_RANGE',
      message: '/expires is more than 366 days after /created',
      path: '/expires',
    },
    {
      description: 'ERR_TIME_RANGE: an intent window that ends when it starts',
      input: resigned(intent, { '/body/when/end': intent.body.when!.start }),
      code: 'ERR_TIME_RANGE',
      message: '/body/when/end must be after start',
      path: '/body/when/end',
    },
    {
      description: 'ERR_TIME_RANGE: an offer window that ends before it starts',
      input: resigned(offer, { '/body/when/end': '2026-03-09T11:00:00Z' }),
      code: 'ERR_TIME_RANGE',
      message: '/body/when/end must be after start',
      path: '/body/when/end',
    },
    {
      description: 'ERR_TIME_RANGE: a counter window that ends before it starts',
      input: resigned(reply, {
        '/body': {
          decision: 'counter',
          counter: { when: { start: '2026-03-11T14:00:00Z', end: '2026-03-10T11:00:00Z' } },
        },
      }),
      code: 'ERR_TIME_RANGE',
      message: '/body/counter/when/end must be after start',
      path: '/body/counter/when/end',
    },
    {
      description: 'ERR_AMOUNT_RANGE: a budget minimum above its maximum',
      input: resigned(intent, { '/body/budget/min': '180.000001' }),
      code: 'ERR_AMOUNT_RANGE',
      message: '/body/budget/min is greater than max',
      path: '/body/budget/min',
    },
    {
      description: 'ERR_AMOUNT_RANGE: a minimum with more integer digits than the maximum',
      input: resigned(intent, { '/body/budget/min': '1000', '/body/budget/max': '999.99' }),
      code: 'ERR_AMOUNT_RANGE',
      message: '/body/budget/min is greater than max',
      path: '/body/budget/min',
    },
    // Author, id, signature
    ...Object.entries(SMALL_ORDER_POINTS).map(([name, hex]) => ({
      description: `ERR_KEY_INVALID: an author that is the small-order point ${name}`,
      input: forge(changed(intent, { '/author': rawDidKey(hex) })),
      code: 'ERR_KEY_INVALID' as const,
      message: 'author: public key is a point of small order',
      path: '/author',
    })),
    {
      description: 'ERR_KEY_INVALID: an author that is no canonical point encoding',
      input: forge(changed(intent, { '/author': rawDidKey(`ee${'ff'.repeat(30)}7f`) })),
      code: 'ERR_KEY_INVALID',
      message: 'author: public key is not a canonical encoding of a curve point',
      path: '/author',
    },
    {
      description: 'ERR_ID_MISMATCH: a body value changed after signing',
      input: changed(intent, { '/body/what/quantity': 2 }),
      code: 'ERR_ID_MISMATCH',
      message: `id does not match the content; expected ${messageId(changed(intent, { '/body/what/quantity': 2 }))}`,
      path: '/id',
    },
    {
      description: 'ERR_ID_MISMATCH: the id of another message',
      input: changed(intent, { '/id': offer.id }),
      code: 'ERR_ID_MISMATCH',
      message: `id does not match the content; expected ${intent.id}`,
      path: '/id',
    },
    {
      description: 'ERR_SIGNATURE_INVALID: signed by another key, with a correct id',
      input: forge(intent, stranger.secretKey),
      code: 'ERR_SIGNATURE_INVALID',
      message: 'signature does not verify under the author key',
      path: '/sig',
    },
    {
      description: 'ERR_SIGNATURE_INVALID: the author signature of another message',
      input: changed(intent, { '/sig': makeReply().sig }),
      code: 'ERR_SIGNATURE_INVALID',
      message: 'signature does not verify under the author key',
      path: '/sig',
    },
    {
      description: 'ERR_SIGNATURE_INVALID: a signature of the bare id, without the domain label',
      input: changed(intent, { '/sig': toHex(nobleBackend.sign(fromHex(intent.id), buyer.secretKey)) }),
      code: 'ERR_SIGNATURE_INVALID',
      message: 'signature does not verify under the author key',
      path: '/sig',
    },
    // Time, by the verifier's clock
    {
      description: 'ERR_EXPIRED: now is the expiry',
      input: intent,
      options: { now: Date.parse(intent.expires) },
      code: 'ERR_EXPIRED',
      message: `message expired at ${intent.expires}`,
      path: '/expires',
    },
    {
      description: 'ERR_NOT_YET_VALID: created one millisecond past the allowed skew',
      input: intent,
      options: { now: new Date(NOW - LIMITS.maxClockSkewMs - 1) },
      code: 'ERR_NOT_YET_VALID',
      message: 'created is in the future beyond the allowed clock skew',
      path: '/created',
    },
  ];

  test.each(refusals)('$description', (refusal) => expectRefusal(refusal));

  // ajv reports a `false` subschema as "boolean schema is false"; the message must say what is wrong.
  it('ERR_SCHEMA: an intent carrying ref says the field is not allowed', () => {
    expect(validateMessage(resigned(intent, { '/ref': offer.id }), LIVE)).toEqual({
      ok: false,
      code: 'ERR_SCHEMA',
      message: '/ref is not allowed here',
      path: '/ref',
    });
  });

  test.each(['/ref', '/thread'])('ERR_SCHEMA: an intent carrying %s is refused at that path', (field) => {
    const result = validateMessage(resigned(intent, { [field]: intent.id }), LIVE);
    expect(result).toMatchObject({ ok: false, code: 'ERR_SCHEMA', path: field });
  });

  it('ERR_SCHEMA: a __proto__ member in the text is a field like any other', () => {
    const text = JSON.stringify(intent).replace('{', '{"__proto__":{"admin":true},');
    expect(validateMessage(text, LIVE)).toEqual({
      ok: false,
      code: 'ERR_SCHEMA',
      message: '/__proto__ is not allowed here',
      path: '/__proto__',
    });
  });
});

describe('the order of the checks', () => {
  // Each message breaks two rules; the check that comes first in spec/validation.md must be the one reported.
  const pairs: { first: ErrorCode; second: ErrorCode; input: unknown; options?: VerifyOptions }[] = [
    {
      first: 'ERR_TOO_LARGE',
      second: 'ERR_UNSUPPORTED_VERSION',
      input: changed(hugeDescription, { '/protocol': 'x' }),
    },
    {
      first: 'ERR_UNSUPPORTED_VERSION',
      second: 'ERR_UNKNOWN_TYPE',
      input: resigned(intent, { '/protocol': 'x', '/type': 'x' }),
    },
    {
      first: 'ERR_UNKNOWN_TYPE',
      second: 'ERR_SCHEMA',
      input: resigned(intent, { '/type': 'x', '/body': 1 }),
    },
    {
      first: 'ERR_SCHEMA',
      second: 'ERR_TIME_INVALID',
      input: resigned(intent, { '/body/offerCap': 0, '/created': '2026-02-30T00:00:00Z' }),
    },
    {
      first: 'ERR_TIME_INVALID',
      second: 'ERR_TIME_RANGE',
      input: resigned(intent, {
        '/created': '2026-02-30T00:00:00Z',
        '/body/when/end': intent.body.when!.start,
      }),
    },
    {
      first: 'ERR_TIME_RANGE',
      second: 'ERR_AMOUNT_RANGE',
      input: resigned(intent, { '/expires': intent.created, '/body/budget/min': '999' }),
    },
    {
      first: 'ERR_AMOUNT_RANGE',
      second: 'ERR_KEY_INVALID',
      input: forge(
        changed(intent, { '/body/budget/min': '999', '/author': rawDidKey(SMALL_ORDER_POINTS.order8) }),
      ),
    },
    {
      first: 'ERR_KEY_INVALID',
      second: 'ERR_ID_MISMATCH',
      input: changed(intent, { '/author': rawDidKey(SMALL_ORDER_POINTS.identity) }),
    },
    {
      first: 'ERR_ID_MISMATCH',
      second: 'ERR_SIGNATURE_INVALID',
      input: changed(forge(intent, stranger.secretKey), { '/nonce': 'ff'.repeat(16) }),
    },
    {
      first: 'ERR_SIGNATURE_INVALID',
      second: 'ERR_EXPIRED',
      input: forge(intent, stranger.secretKey),
      options: { now: NOW + 30 * DAY },
    },
  ];

  test.each(pairs)('$first before $second', ({ first, input, options = LIVE }) => {
    expect(validateMessage(input, options)).toMatchObject({ ok: false, code: first });
  });
});

describe('time', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('accepts a message until the millisecond before it expires', () => {
    expect(verifyMessage(intent, { now: Date.parse(intent.expires) - 1 })).toBe(true);
  });

  it('accepts a message created up to LIMITS.maxClockSkewMs ahead of the verifier clock', () => {
    expect(verifyMessage(intent, { now: NOW - LIMITS.maxClockSkewMs })).toBe(true);
  });

  it('skips both time checks with checkTime: false', () => {
    expect(verifyMessage(intent, { now: NOW + 365 * DAY, checkTime: false })).toBe(true);
    expect(verifyMessage(intent, { now: 0, checkTime: false })).toBe(true);
  });

  it('uses the current time when no clock is given', () => {
    vi.useFakeTimers({ now: NOW + HOUR, toFake: ['Date'] });
    expect(verifyMessage(intent)).toBe(true);
    vi.setSystemTime(NOW + 8 * DAY);
    expect(validateMessage(intent)).toMatchObject({ ok: false, code: 'ERR_EXPIRED' });
    vi.setSystemTime(NOW - HOUR);
    expect(validateMessage(intent)).toMatchObject({ ok: false, code: 'ERR_NOT_YET_VALID' });
  });

  // A clock that is not a time makes every comparison false, so the time rules would pass silently: a broken
  // clock is a bug of the caller and must never turn the checks off.
  test.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['an Invalid Date', new Date('not a time')],
  ])('a clock of %s throws a TypeError instead of accepting an expired message', (_, now) => {
    const expired = NOW + 40 * DAY;
    expect(validateMessage(offer, { now: expired })).toMatchObject({ ok: false, code: 'ERR_EXPIRED' });
    expect(() => validateMessage(offer, { now })).toThrow(TypeError);
    expect(() => validateMessage(offer, { now })).toThrow(/^"now" expected a finite time/);
    expect(verifyMessage(offer, { now })).toBe(false);
  });

  // RFC 3339 counts years from 0001 (the proleptic Gregorian calendar has no year 0), but Date.parse takes
  // 0000 as 1 BC and round-trips it.
  it('refuses the year 0000 with ERR_TIME_INVALID, and takes the year 0001', () => {
    const created = '0000-12-31T12:00:00Z';
    expect(
      validateMessage(resigned(intent, { '/created': created, '/expires': '0001-01-01T12:00:00Z' }), {
        checkTime: false,
      }),
    ).toEqual({
      ok: false,
      code: 'ERR_TIME_INVALID',
      message: `"${created}" is not a real UTC time`,
      path: '/created',
    });
    expect(
      validateMessage(
        resigned(intent, { '/created': '0001-01-01T12:00:00Z', '/expires': '0001-01-02T12:00:00Z' }),
        {
          checkTime: false,
        },
      ),
    ).toMatchObject({ ok: true });
  });

  it('does not read the clock with checkTime: false', () => {
    expect(validateMessage(offer, { now: Number.NaN, checkTime: false })).toMatchObject({ ok: true });
  });

  test.each([
    ['a lifetime of exactly 366 days', { '/expires': '2027-01-16T12:00:00Z' }],
    [
      'February 29 of a leap year',
      { '/created': '2028-02-28T12:00:00Z', '/expires': '2028-02-29T23:59:59Z' },
    ],
    [
      'timestamps with milliseconds',
      { '/created': '2026-01-15T12:00:00.250Z', '/expires': '2026-01-15T12:00:00.251Z' },
    ],
  ])('accepts %s', (_, changes) => {
    expect(validateMessage(resigned(intent, changes), { checkTime: false })).toMatchObject({ ok: true });
  });
});

describe('amounts', () => {
  test.each([
    ['10.5', '10.50', 0],
    ['0', '0.000000', 0],
    ['9.99', '10', -1],
    ['100', '99.999999', 1],
    ['180.000001', '180', 1],
    ['123456789012345', '123456789012344.9', 1],
  ])('compareAmounts(%s, %s) has the sign of %i', (a, b, sign) => {
    expect(Math.sign(compareAmounts(a, b))).toBe(sign);
    expect(Math.sign(compareAmounts(b, a))).toBe(-sign || 0);
  });

  test.each([
    ['10.5', '10.50'],
    ['0', '0'],
    ['99.99', '100'],
  ])('accepts a budget from %s to %s', (min, max) => {
    const body = intentBody({ budget: { currency: 'EUR', min, max } });
    expect(verifyMessage(makeIntent(body), LIVE)).toBe(true);
  });
});

describe('the size limit', () => {
  /** An intent padded through an extension so that its canonical bytes (without id and sig) are `size` long. */
  function paddedIntent(size: number) {
    const pad = (extra: number) =>
      forge(
        changed(intent, {
          '/ext': {
            'org.example.a': new Array(32).fill('a'.repeat(2000)),
            'org.example.b': ['b'.repeat(extra)],
          },
        }),
      );
    return pad(size - canonicalBytes(pad(0)).length);
  }

  it('accepts a message whose canonical bytes are exactly LIMITS.maxMessageBytes', () => {
    const message = paddedIntent(LIMITS.maxMessageBytes);
    expect(canonicalBytes(message)).toHaveLength(LIMITS.maxMessageBytes);
    // id and sig come on top of the limit.
    expect(wholeSize(message)).toBeGreaterThan(LIMITS.maxMessageBytes);
    expect(validateMessage(message, LIVE)).toEqual({ ok: true, value: message });
  });

  it('refuses one byte more with ERR_TOO_LARGE', () => {
    const message = paddedIntent(LIMITS.maxMessageBytes + 1);
    expect(validateMessage(message, LIVE)).toEqual({
      ok: false,
      code: 'ERR_TOO_LARGE',
      message: `canonical form is ${LIMITS.maxMessageBytes + 1} bytes; the limit is ${LIMITS.maxMessageBytes}`,
    });
  });
});

describe('extensions', () => {
  const ext = { 'org.example.loyalty': { tier: 'gold', points: [1200, 300] }, 'net.example.flag': true };
  const withExt = makeIntent(undefined, { ext });

  it('are accepted and kept', () => {
    expect(validateMessage(withExt, LIVE)).toEqual({ ok: true, value: withExt });
    expect(withExt.ext).toEqual(ext);
  });

  it('are covered by the id and signature: changing, adding or removing one breaks the id', () => {
    for (const changes of [
      { '/ext/org.example.loyalty/tier': 'silver' },
      { '/ext/org.example.loyalty/points/1': 301 },
      { '/ext/net.example.flag': undefined },
      { '/ext/org.example.other': 1 },
      { '/ext': undefined },
    ]) {
      const broken = changed(withExt, changes);
      expect(validateMessage(broken, LIVE)).toMatchObject({
        ok: false,
        code: 'ERR_ID_MISMATCH',
        path: '/id',
      });
    }
  });

  it('make a different id for a different value', () => {
    const other = makeIntent(undefined, { ext: { ...ext, 'net.example.flag': false } });
    expect(other.id).not.toBe(withExt.id);
  });

  test.each([
    [
      'more than 16 of them',
      Object.fromEntries(Array.from({ length: 17 }, (_, k) => [`org.example.k${k}`, k])),
      '/ext must NOT have more than 16 properties',
      '/ext',
    ],
    [
      'values nested three levels',
      { 'org.example.a': { b: { c: [1] } } },
      '/ext/org.example.a must be string',
      '/ext/org.example.a',
    ],
  ])('are refused when there are %s', (_, value, message, path) => {
    expect(validateMessage(resigned(intent, { '/ext': value }), LIVE)).toEqual({
      ok: false,
      code: 'ERR_SCHEMA',
      message,
      path,
    });
  });
});

it('parseMessage throws an IntentcastError with the status of its code', () => {
  let err: unknown;
  try {
    parseMessage(changed(intent, { '/body/what/quantity': 3 }), LIVE);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(IntentcastError);
  expect(err).toMatchObject({ code: 'ERR_ID_MISMATCH', status: 400, path: '/id' });
});

it('refuses a reply that carries counter terms without a counter decision', () => {
  const input = resigned(reply, { '/body': { decision: 'accept', terms: TERMS, counter: { quantity: 2 } } });
  expect(validateMessage(input, LIVE)).toMatchObject({ ok: false, code: 'ERR_SCHEMA', path: '/body' });
});

describe('objects without a prototype', () => {
  const bare = <T extends object>(value: T): T => Object.assign(Object.create(null) as T, value);
  const second = { ...TERMS, uri: 'https://terms.example/other' };

  it('are accepted as JSON objects where no two of them are compared', () => {
    const input = { ...structuredClone(intent), body: bare(structuredClone(intent.body)) };
    expect(validateMessage(input, LIVE)).toEqual({ ok: true, value: intent });
  });

  // ajv's uniqueItems calls valueOf on the items it compares, which an object without a prototype lacks.
  it('never make validateMessage throw', () => {
    const input = changed(intent, { '/body/terms': [bare({ ...TERMS }), bare(second)] });
    expect(() => validateMessage(input, LIVE)).not.toThrow();
    expect(validateMessage(input, LIVE)).toMatchObject({ ok: false, code: 'ERR_ID_MISMATCH' });
  });
});

describe('values given in memory', () => {
  // validateMessage never throws on bad input, and an object in memory can be hostile in ways text cannot.
  it('a value that cannot be copied is refused with ERR_JSON, not thrown', () => {
    const proxy = new Proxy(structuredClone(intent), {});
    expect(validateMessage(proxy, LIVE)).toEqual({
      ok: false,
      code: 'ERR_JSON',
      message: 'the value is not plain JSON data',
    });
  });

  it('a getter or trap that throws is refused with ERR_JSON, not thrown', () => {
    const getter = {
      get protocol(): string {
        throw new Error('no');
      },
    };
    const trap = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no');
        },
      },
    );
    for (const value of [getter, trap]) {
      expect(validateMessage(value, LIVE)).toMatchObject({ ok: false, code: 'ERR_JSON' });
    }
  });

  it('a getter that answers differently on each read is judged on the copy, which is checked again', () => {
    let reads = 0;
    const value = {
      get protocol() {
        reads++;
        return reads <= 2 ? 'intentcast/1' : '\ud800';
      },
    };
    expect(validateMessage(value, LIVE)).toEqual({
      ok: false,
      code: 'ERR_JSON',
      message: 'string holds a lone surrogate',
      path: '/protocol',
    });
  });

  // The same message gives the same code whether it arrives as text or as the value JSON.parse made of it:
  // the nesting is refused before any value is looked at (spec/validation.md, steps 3 and 5).
  test.each([
    '{"a":[[[[[[[[[1]]]]]]]]],"b":1e400}',
    '{"a":[[[[[[[[[1]]]]]]]]],"b":"\\ud800"}',
    '{"b":"\\ufdd0","a":[[[[[[[[[1]]]]]]]]]}',
  ])('text and parsed value get the same code: %s', (text) => {
    expect(validateMessage(text)).toMatchObject({ ok: false, code: 'ERR_TOO_DEEP' });
    expect(validateMessage(JSON.parse(text))).toMatchObject({ ok: false, code: 'ERR_TOO_DEEP' });
  });
});
