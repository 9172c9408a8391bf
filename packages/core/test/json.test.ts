import { assertJsonValue, escapePointer, IntentcastError, LIMITS, parseJson, utf8 } from '@intentcast/core';
import { describe, expect, it, test } from 'vitest';

function thrown(fn: () => unknown): IntentcastError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(IntentcastError);
    return err as IntentcastError;
  }
  throw new Error('expected an IntentcastError, but nothing was thrown');
}

function expectError(fn: () => unknown, code: string, message: string, path?: string): void {
  const err = thrown(fn);
  expect({ code: err.code, message: err.message, path: err.path }).toEqual({ code, message, path });
}

const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);
const tooDeep = `JSON nests deeper than ${LIMITS.maxDepth} levels`;

describe('parseJson', () => {
  it('parses I-JSON text given as a string or as UTF-8 bytes', () => {
    const text = '{"a":[1,"\u00e9",true,null],"b":{"c":-0.5}}';
    const expected = { a: [1, '\u00e9', true, null], b: { c: -0.5 } };
    expect(parseJson(text)).toEqual(expected);
    expect(parseJson(utf8(text))).toEqual(expected);
  });

  describe('duplicate member names', () => {
    test.each([
      { description: 'plain', text: '{"a":1,"a":2}', name: 'a' },
      { description: 'one escaped (\\u0061 is a)', text: '{"a":1,"\\u0061":2}', name: 'a' },
      { description: 'both escaped differently', text: '{"\\u00e9":1,"\\u00E9":2}', name: '\u00e9' },
      { description: 'escaped solidus', text: '{"a/b":1,"a\\/b":2}', name: 'a/b' },
      { description: 'in a nested object', text: '{"x":[{"b":1,"c":{},"b":2}]}', name: 'b' },
      { description: 'after a nested container', text: '{"a":{"b":[1]},"c":2,"a":3}', name: 'a' },
      { description: '__proto__', text: '{"__proto__":1,"__proto__":2}', name: '__proto__' },
      { description: 'with whitespace around', text: '{ "a" : 1 ,\n "a" : 2 }', name: 'a' },
    ])('are refused: $description', ({ text, name }) => {
      expectError(() => parseJson(text), 'ERR_JSON', `duplicate member name ${JSON.stringify(name)}`);
    });

    test.each([
      { description: 'the same name in sibling objects', text: '[{"a":1},{"a":2}]' },
      { description: 'the same name at two depths', text: '{"a":{"a":{"a":1}}}' },
      { description: 'a value equal to a name', text: '{"a":"a","b":"a"}' },
      { description: 'names that differ only in case', text: '{"a":1,"A":2}' },
      { description: 'a name holding an escaped quote', text: '{"a\\"":1,"a":2}' },
      {
        description: 'strings that look like members',
        text: '{"a":"\\",\\"a\\":1","b":["{\\"a\\":1,\\"a\\":2}"]}',
      },
    ])('are told apart from $description', ({ text }) => {
      expect(parseJson(text)).toEqual(JSON.parse(text));
    });
  });

  describe('depth', () => {
    it(`accepts nesting of exactly LIMITS.maxDepth (${LIMITS.maxDepth})`, () => {
      expect(() => parseJson(nestedArrays(LIMITS.maxDepth))).not.toThrow();
      expect(() => parseJson(nestedObjects(LIMITS.maxDepth))).not.toThrow();
    });

    it('refuses one level more with ERR_TOO_DEEP', () => {
      expectError(() => parseJson(nestedArrays(LIMITS.maxDepth + 1)), 'ERR_TOO_DEEP', tooDeep);
      expectError(() => parseJson(nestedObjects(LIMITS.maxDepth + 1)), 'ERR_TOO_DEEP', tooDeep);
    });

    it('refuses hostile depth before parsing, even in text that would not parse', () => {
      expectError(() => parseJson('['.repeat(100_000)), 'ERR_TOO_DEEP', tooDeep);
    });

    it('does not count brackets inside strings', () => {
      const text = JSON.stringify({ a: '[[[[[[[[[[{{{{{{{{{{', b: ['\\"[[[[[[[[[['] });
      expect(parseJson(text)).toEqual(JSON.parse(text));
    });
  });

  describe('strings', () => {
    test.each([
      { description: 'an escaped lone high surrogate', text: '"\\ud800"', path: '' },
      { description: 'an escaped lone low surrogate in a member', text: '{"a":"x\\udc00"}', path: '/a' },
      { description: 'a reversed pair', text: '["\\ude00\\ud83d"]', path: '/0' },
      { description: 'a raw lone surrogate', text: '"\ud800"', path: '' },
    ])('refuses $description with ERR_JSON', ({ text, path }) => {
      expectError(() => parseJson(text), 'ERR_JSON', 'string holds a lone surrogate', path);
    });

    it('refuses a member name holding a lone surrogate', () => {
      expectError(
        () => parseJson('{"\\ud800":1}'),
        'ERR_JSON',
        'member name holds a lone surrogate',
        '/\ud800',
      );
    });

    it('accepts an escaped surrogate pair', () => {
      expect(parseJson('"\\ud83d\\ude00"')).toBe('\u{1f600}');
    });

    test.each([
      { description: 'a byte that never occurs in UTF-8 (0xff)', bytes: [0x22, 0xff, 0x22] },
      { description: 'a lone continuation byte', bytes: [0x22, 0x80, 0x22] },
      { description: 'an overlong encoding of "/"', bytes: [0x22, 0xc0, 0xaf, 0x22] },
      { description: 'an encoded surrogate (CESU-8)', bytes: [0x22, 0xed, 0xa0, 0x80, 0x22] },
      { description: 'a truncated sequence', bytes: [0x22, 0xe2, 0x82, 0x22] },
      { description: 'a code point above U+10FFFF', bytes: [0x22, 0xf4, 0x90, 0x80, 0x80, 0x22] },
    ])('refuses bytes with $description with ERR_JSON', ({ bytes }) => {
      expectError(() => parseJson(Uint8Array.from(bytes)), 'ERR_JSON', 'JSON text is not valid UTF-8');
    });

    // Bytes and strings must be read alike: a decoder that strips the mark would accept bytes the same text refuses.
    it('treats a byte order mark the same in bytes as in a string', () => {
      for (const input of ['\ufeff{}', Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d])]) {
        const err = thrown(() => parseJson(input));
        expect(err.code).toBe('ERR_JSON');
        expect(err.message).toMatch(/^not valid JSON: /);
      }
    });
  });

  describe('noncharacters (RFC 7493 section 2.1)', () => {
    test.each([
      ['U+FFFF in a string', '{"a":"\\uffff"}', 'string holds a Unicode noncharacter', '/a'],
      ['U+FDD0 in a member name', '{"\\ufdd0":1}', 'member name holds a Unicode noncharacter', '/\ufdd0'],
      ['U+FDEF written raw', '["\ufdef"]', 'string holds a Unicode noncharacter', '/0'],
      ['U+1FFFE as an escaped pair', '{"a":"\\ud83f\\udffe"}', 'string holds a Unicode noncharacter', '/a'],
      ['U+10FFFF written raw', '["\u{10ffff}"]', 'string holds a Unicode noncharacter', '/0'],
    ])('refuses %s with ERR_JSON', (_name, text, message, path) => {
      expectError(() => parseJson(text), 'ERR_JSON', message, path);
    });

    it('accepts the characters next to them', () => {
      expect(parseJson('["\\ufffd","\\ufdcf","\\ufdf0","\\ud83f\\udffd"]')).toEqual([
        '\ufffd',
        '\ufdcf',
        '\ufdf0',
        '\u{1fffd}',
      ]);
    });
  });

  describe('size', () => {
    /** JSON text of a string value whose UTF-8 form is exactly `bytes` long, using characters of `width`. */
    function textOfBytes(bytes: number, char: string): string {
      const width = utf8(char).length;
      const room = bytes - 2;
      return `"${char.repeat(Math.floor(room / width))}${'a'.repeat(room % width)}"`;
    }

    test.each([
      { description: 'ASCII', char: 'a' },
      { description: 'two-byte characters', char: '\u00e9' },
      { description: 'three-byte characters', char: '\u20ac' },
      { description: 'four-byte characters (surrogate pairs)', char: '\u{1f600}' },
    ])('counts UTF-8 bytes of $description: the limit passes, one byte more is ERR_TOO_LARGE', ({ char }) => {
      const atLimit = textOfBytes(LIMITS.maxTextBytes, char);
      expect(utf8(atLimit)).toHaveLength(LIMITS.maxTextBytes);
      expect(() => parseJson(atLimit)).not.toThrow();
      const over = textOfBytes(LIMITS.maxTextBytes + 1, char);
      const message = `JSON text is ${LIMITS.maxTextBytes + 1} bytes; the limit is ${LIMITS.maxTextBytes}`;
      expectError(() => parseJson(over), 'ERR_TOO_LARGE', message);
      expectError(() => parseJson(utf8(over)), 'ERR_TOO_LARGE', message);
    });

    it('checks size before anything else', () => {
      const text = nestedArrays(LIMITS.maxDepth + 1) + ' '.repeat(LIMITS.maxTextBytes);
      expect(thrown(() => parseJson(text)).code).toBe('ERR_TOO_LARGE');
    });
  });

  test.each([
    { description: 'empty text', text: '' },
    { description: 'a trailing comma', text: '[1,]' },
    { description: 'two values', text: '{} {}' },
    { description: 'single quotes', text: "{'a':1}" },
    { description: 'NaN', text: 'NaN' },
    { description: 'a comment', text: '{} // none' },
  ])('refuses $description with ERR_JSON', ({ text }) => {
    const err = thrown(() => parseJson(text));
    expect(err.code).toBe('ERR_JSON');
    expect(err.message).toMatch(/^not valid JSON: /);
  });
});

describe('assertJsonValue', () => {
  /** [1, <hole>, 3] */
  const sparse = () => {
    const array = new Array<unknown>(3);
    array[0] = 1;
    array[2] = 3;
    return array;
  };
  class Point {
    x = 1;
  }
  const refused: { description: string; value: unknown; message: string; path: string }[] = [
    { description: 'undefined', value: undefined, message: 'undefined is not a JSON value', path: '' },
    {
      description: 'undefined in a member',
      value: { a: undefined },
      message: 'undefined is not a JSON value',
      path: '/a',
    },
    {
      description: 'a hole in an array',
      value: sparse(),
      message: 'undefined is not a JSON value',
      path: '/1',
    },
    { description: 'NaN', value: { n: Number.NaN }, message: 'numbers must be finite', path: '/n' },
    {
      description: 'Infinity',
      value: { x: [0, Number.POSITIVE_INFINITY] },
      message: 'numbers must be finite',
      path: '/x/1',
    },
    {
      description: '-Infinity',
      value: Number.NEGATIVE_INFINITY,
      message: 'numbers must be finite',
      path: '',
    },
    { description: 'a function', value: { f: () => 1 }, message: 'function is not a JSON value', path: '/f' },
    { description: 'a bigint', value: [1n], message: 'bigint is not a JSON value', path: '/0' },
    { description: 'a symbol', value: { s: Symbol('s') }, message: 'symbol is not a JSON value', path: '/s' },
    {
      description: 'a class instance',
      value: { p: new Point() },
      message: 'only plain objects are JSON objects',
      path: '/p',
    },
    {
      description: 'a Date',
      value: { at: new Date(0) },
      message: 'only plain objects are JSON objects',
      path: '/at',
    },
    { description: 'a Map', value: new Map(), message: 'only plain objects are JSON objects', path: '' },
    {
      description: 'a Uint8Array',
      value: { b: new Uint8Array(1) },
      message: 'only plain objects are JSON objects',
      path: '/b',
    },
    {
      description: 'a boxed string',
      value: [Object('s')],
      message: 'only plain objects are JSON objects',
      path: '/0',
    },
    {
      description: 'a name needing escapes in the path',
      value: { 'a/b': { '~c': Number.NaN } },
      message: 'numbers must be finite',
      path: '/a~1b/~0c',
    },
    {
      description: 'a lone surrogate in a name',
      value: { '\udfff': 1 },
      message: 'member name holds a lone surrogate',
      path: '/\udfff',
    },
  ];

  // RFC 7493 section 2.1 forbids noncharacters in strings and names, as it forbids surrogates; a verifier
  // built on a strict I-JSON parser refuses them, so the reference must too.
  refused.push(
    {
      description: 'a noncharacter in a string',
      value: { a: ['x\uffff'] },
      message: 'string holds a Unicode noncharacter',
      path: '/a/0',
    },
    {
      description: 'a noncharacter in a name',
      value: { '\ufdd0': 1 },
      message: 'member name holds a Unicode noncharacter',
      path: '/\ufdd0',
    },
  );

  test.each(refused)('refuses $description with ERR_JSON at its path', ({ value, message, path }) => {
    expectError(() => assertJsonValue(value), 'ERR_JSON', message, path);
  });

  it(`accepts nesting of exactly ${LIMITS.maxDepth} and refuses one more, with the path`, () => {
    const deep = (depth: number): unknown => (depth === 1 ? [] : [deep(depth - 1)]);
    expect(() => assertJsonValue(deep(LIMITS.maxDepth))).not.toThrow();
    expectError(
      () => assertJsonValue(deep(LIMITS.maxDepth + 1)),
      'ERR_TOO_DEEP',
      tooDeep,
      '/0'.repeat(LIMITS.maxDepth),
    );
  });

  it('checks the depth of the whole value before any value, as the text scan does', () => {
    const deepBeforeBad = { a: [[[[[[[[1]]]]]]]], b: Number.NaN, c: '\ud800' };
    const badBeforeDeep = { b: Number.NaN, a: [[[[[[[[1]]]]]]]] };
    for (const value of [deepBeforeBad, badBeforeDeep]) {
      expect(thrown(() => assertJsonValue(value)).code).toBe('ERR_TOO_DEEP');
    }
  });

  it('does not overflow the stack on hostile depth', () => {
    let value: unknown = 0;
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(thrown(() => assertJsonValue(value)).code).toBe('ERR_TOO_DEEP');
  });

  it('accepts plain JSON, objects without a prototype, and -0', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(() => assertJsonValue({ a: [null, true, 'x', -0, 1e300], b: bare })).not.toThrow();
  });
});

describe('escapePointer (RFC 6901)', () => {
  test.each([
    ['a', 'a'],
    ['a/b', 'a~1b'],
    ['m~n', 'm~0n'],
    ['~/', '~0~1'],
    ['~1', '~01'],
    ['', ''],
  ])('%j -> %j', (token, escaped) => {
    expect(escapePointer(token)).toBe(escaped);
  });
});
