import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import {
  canonicalBytes,
  canonicalJson,
  type JsonValue,
  messageId,
  parseJson,
  toHex,
  utf8,
} from '@intentcast/core';
import { describe, expect, it, test } from 'vitest';
import { makeIntent } from './fixtures.js';

const jcsDir = new URL('../../../test-vectors/external/jcs/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, jcsDir));

const names = readdirSync(new URL('input/', jcsDir))
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.slice(0, -'.json'.length))
  .sort();

describe('RFC 8785 test data (test-vectors/external/jcs)', () => {
  it('has the six published cases', () => {
    expect(names).toEqual(['arrays', 'french', 'structures', 'unicode', 'values', 'weird']);
  });

  test.each(names)('%s: input/*.json canonicalizes to the bytes of output/*.json', (name) => {
    const canonical = canonicalJson(parseJson(read(`input/${name}.json`)));
    const expected = read(`output/${name}.json`);
    expect(utf8(canonical)).toEqual(new Uint8Array(expected));
  });

  test.each(names)('%s: the canonical bytes match outhex/*.txt', (name) => {
    const canonical = canonicalJson(parseJson(read(`input/${name}.json`)));
    const expectedHex = read(`outhex/${name}.txt`).toString('ascii').replace(/\s+/g, '');
    expect(toHex(utf8(canonical))).toBe(expectedHex);
  });
});

describe('canonicalJson, for the protocol', () => {
  const cases: { description: string; input: JsonValue; expected: string }[] = [
    {
      description: 'sorts member names by UTF-16 code units, not by code points',
      // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB33 though its code point is higher.
      input: { '\u{fb33}': 2, '\u{1f600}': 1, '\u00e9': 3, Z: 4, a: 5, '': 6 },
      expected: '{"":6,"Z":4,"a":5,"\u00e9":3,"\u{1f600}":1,"\u{fb33}":2}',
    },
    {
      description: 'sorts names that are prefixes of each other shortest first',
      input: { ab: 1, a: 2, abc: 3, b: 4 },
      expected: '{"a":2,"ab":1,"abc":3,"b":4}',
    },
    {
      description: 'sorts nested objects too',
      input: [{ b: { d: 1, c: 2 }, a: null }],
      expected: '[{"a":null,"b":{"c":2,"d":1}}]',
    },
    { description: 'keeps array order', input: [3, 1, 2], expected: '[3,1,2]' },
    { description: 'writes -0 as 0', input: [-0, 0], expected: '[0,0]' },
    { description: 'writes 1e21 in exponent form', input: 1e21, expected: '1e+21' },
    { description: 'writes 1e20 in full', input: 1e20, expected: '100000000000000000000' },
    { description: 'writes 1e-7 in exponent form', input: 1e-7, expected: '1e-7' },
    { description: 'writes 0.000001 in full', input: 0.000001, expected: '0.000001' },
    {
      description: 'writes the shortest round-tripping form',
      input: [0.1 + 0.2, 4.5, 1 / 3],
      expected: '[0.30000000000000004,4.5,0.3333333333333333]',
    },
    {
      description: 'writes the extremes of doubles',
      input: [Number.MAX_VALUE, Number.MIN_VALUE, -Number.MAX_SAFE_INTEGER],
      expected: '[1.7976931348623157e+308,5e-324,-9007199254740991]',
    },
    {
      description: 'escapes control characters, with the short forms where JSON has them',
      input: '\u0000\u0008\t\n\u000b\f\r\u001f',
      expected: '"\\u0000\\b\\t\\n\\u000b\\f\\r\\u001f"',
    },
    {
      description: 'escapes only the quote and the backslash among printable ASCII',
      input: '"\\/<>&\'',
      expected: '"\\"\\\\/<>&\'"',
    },
    {
      description: 'leaves DEL, U+2028, U+2029 and non-ASCII characters as they are',
      input: '\u007f\u2028\u2029\u00e9\u20ac\u{1f600}',
      expected: '"\u007f\u2028\u2029\u00e9\u20ac\u{1f600}"',
    },
    {
      description: 'does not normalize Unicode',
      input: { 'A\u030a': '\u00c5' },
      expected: '{"A\u030a":"\u00c5"}',
    },
    { description: 'writes the literals', input: [true, false, null], expected: '[true,false,null]' },
  ];

  test.each(cases)('$description', ({ input, expected }) => {
    expect(canonicalJson(input)).toBe(expected);
  });

  it('refuses a value that has no JSON form', () => {
    expect(() => canonicalJson(undefined as unknown as JsonValue)).toThrow(
      new TypeError('value has no JSON form'),
    );
  });
});

describe('canonicalBytes and messageId', () => {
  // Spread into a plain record: the parameter type does not take a typed Message (see types.test.ts).
  const intent: Record<string, unknown> = { ...makeIntent() };

  it('leave out id and sig, and nothing else', () => {
    const { id: _id, sig: _sig, ...content } = intent;
    expect(canonicalBytes(intent)).toEqual(utf8(canonicalJson(content as unknown as JsonValue)));
    expect(new TextDecoder().decode(canonicalBytes(intent))).not.toMatch(/"(id|sig)"/);
  });

  it('keep unknown fields, so a signature covers them', () => {
    const withExtra = { ...intent, extra: 1 };
    expect(messageId(withExtra)).not.toBe(messageId(intent));
    expect(new TextDecoder().decode(canonicalBytes(withExtra))).toContain('"extra":1');
  });

  it('give an id that is the SHA-256 of the canonical bytes in lowercase hex', () => {
    const expected = createHash('sha256').update(canonicalBytes(intent)).digest('hex');
    expect(messageId(intent)).toBe(expected);
    expect(intent.id).toBe(expected);
  });

  it('give the same id whatever the order of the fields and whatever id and sig say', () => {
    const reversed = Object.fromEntries(Object.entries(intent).reverse());
    expect(messageId(reversed)).toBe(intent.id);
    expect(messageId({ ...intent, id: '0'.repeat(64), sig: 'nonsense' })).toBe(intent.id);
  });
});
