import { SCHEMAS, validateMessage } from '@intentcast/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { LIVE, makeOffer, resigned, sampleMessages } from './fixtures.js';

/** Every `pattern` of the schemas, with where it is. */
function patterns(value: unknown, at = ''): { at: string; pattern: string }[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === 'pattern' && typeof child === 'string'
      ? [{ at, pattern: child }]
      : patterns(child, `${at}/${key}`),
  );
}

const all = Object.entries(SCHEMAS).flatMap(([name, schema]) =>
  patterns(schema).map(({ at, pattern }) => ({ where: `${name}${at}`, pattern })),
);

/**
 * spec/validation.md, step 10: the patterns must mean the same in every regular expression engine that
 * implements JSON Schema, not only in ECMAScript's.
 */
describe('schema patterns are portable', () => {
  test('there are patterns to check', () => {
    expect(all.length).toBeGreaterThan(15);
  });

  test.each(all)('$where is anchored at both ends', ({ pattern }) => {
    expect(pattern.startsWith('^')).toBe(true);
    expect(pattern.endsWith('$')).toBe(true);
  });

  test.each(all)('$where uses no class escape whose meaning differs between engines', ({ pattern }) => {
    // \s, \d and \w are Unicode-aware in some engines and ASCII in others.
    expect(pattern).not.toMatch(/\\[sSdDwW]/);
  });

  test.each(all)('$where repeats nothing more than 1,000 times', ({ pattern }) => {
    // Large counted repeats are slow or refused in several engines; lengths are checked apart.
    for (const [, low, high] of pattern.matchAll(/\{(\d+)(?:,(\d*))?\}/g)) {
      expect(Number(high || low)).toBeLessThanOrEqual(1000);
    }
  });
});

describe('patterns are anchored at the very ends of the input', () => {
  const { intent, offer } = sampleMessages();

  // Some engines let `$` match before a final newline; ECMAScript does not, and neither does the protocol.
  test.each([
    ['a currency', offer, { '/body/price/currency': 'EUR\n' }, '/body/price/currency'],
    ['a nonce', intent, { '/nonce': `${intent.nonce}\n` }, '/nonce'],
    ['a ref', offer, { '/ref': `${offer.ref}\n` }, '/ref'],
  ])('%s with a trailing newline is refused with ERR_SCHEMA', (_name, message, changes, path) => {
    expect(validateMessage(resigned(message, changes), LIVE)).toMatchObject({
      ok: false,
      code: 'ERR_SCHEMA',
      path,
    });
  });

  test('an id with a trailing newline is refused with ERR_SCHEMA', () => {
    const offer = makeOffer();
    expect(validateMessage({ ...offer, id: `${offer.id}\n` }, LIVE)).toMatchObject({
      ok: false,
      code: 'ERR_SCHEMA',
      path: '/id',
    });
  });
});

describe('the email of a sealed contact', () => {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, unicodeRegExp: true });
  for (const schema of Object.values(SCHEMAS)) ajv.addSchema(schema);
  const email = ajv.getSchema(`${SCHEMAS.sealedContent.$id}#/properties/contact/properties/email`)!;

  test.each(['desk@hotel.example', 'ana.lúcia@correio.example', 'a+b@c'])('accepts %j', (value) => {
    expect(email(value)).toBe(true);
  });

  test.each([
    'desk hotel@example',
    'desk@hotel.example\n',
    'desk\t@hotel.example',
    'desk@hotel\u0000.example',
    'desk@hotel\u007f.example',
    'desk\u00a0@hotel.example',
    'desk@\u2028hotel.example',
    'desk@hotel\u3000.example',
    '\ufeffdesk@hotel.example',
    'desk@@hotel.example',
    '@hotel.example',
  ])('refuses %j', (value) => {
    expect(email(value)).toBe(false);
  });
});
