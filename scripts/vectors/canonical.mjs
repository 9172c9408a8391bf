// canonical.json and ids.json: the JCS form (RFC 8785) of JSON text, and the id of a message.
import { check, core, unsigned, vectorCase } from './common.mjs';
import { valid } from './story.mjs';

function canonicalCase(description, text, tags) {
  const canonical = core.canonicalJson(core.parseJson(text));
  return vectorCase(
    description,
    { json: text },
    { canonical, canonicalHex: core.toHex(core.utf8(canonical)) },
    tags,
  );
}

function refusedCase(description, text, code, tags) {
  let got;
  try {
    core.parseJson(text);
  } catch (err) {
    got = err.code;
  }
  check(got === code, `canonical case "${description}" gave ${got}, expected ${code}`);
  return vectorCase(description, { json: text }, { code }, ['refused', ...tags]);
}

const nested = (depth) => '['.repeat(depth) + ']'.repeat(depth);

export function canonicalFile() {
  const cases = [
    canonicalCase('members sorted by name', '{"b":1,"a":2,"c":3}', ['order']),
    canonicalCase('whitespace between tokens removed', ' {\n\t"a" : [ 1 , 2 ] ,\r\n "b" : { } }\n', [
      'whitespace',
    ]),
    canonicalCase('a name sorts before every longer name it starts', '{"aa":1,"a":2,"ab":3,"b":4}', [
      'order',
    ]),
    canonicalCase('upper case sorts before lower case (code unit order)', '{"a":1,"B":2,"_":3,"A":4}', [
      'order',
    ]),
    canonicalCase('names that look like numbers sort as strings', '{"10":1,"9":2,"1":3,"-1":4}', ['order']),
    canonicalCase(
      'names sort by UTF-16 code units, not code points: U+1F600 (D83D DE00) before U+FB33',
      '{"\\ufb33":1,"\\ud83d\\ude00":2,"\\u20ac":3,"z":4}',
      ['order', 'utf16', 'unicode'],
    ),
    canonicalCase('names sort by code unit, not by locale: e-acute after z', '{"é":1,"z":2,"e":3,"f":4}', [
      'order',
      'unicode',
    ]),
    canonicalCase(
      'members of nested objects sorted at every level; arrays keep their order',
      '{"z":{"y":[3,{"b":1,"a":2},1],"x":null},"a":{"d":{"f":true,"e":false}}}',
      ['order', 'nesting'],
    ),
    canonicalCase('empty object, empty array, empty string', '{"o":{},"a":[],"s":""}', ['empty']),
    canonicalCase('a top-level array of literals', '[true,false,null]', ['literals']),
    canonicalCase('integers written in other forms', '[1.0,1e2,1E+2,100e-2,-0,0.0,-0.0]', ['numbers']),
    canonicalCase('fractions in shortest round-trip form', '[0.1,0.30000000000000004,1.5e-1,-2.5,123.456]', [
      'numbers',
    ]),
    canonicalCase(
      'exponent form from 1e21 up and below 1e-6',
      '[1e20,1e21,123456789012345680000,1.2345e21,0.000001,0.0000001,1e-7,5e-324]',
      ['numbers'],
    ),
    canonicalCase(
      'the largest double and the largest safe integer',
      '[1.7976931348623157e308,9007199254740991,-9007199254740991]',
      ['numbers'],
    ),
    canonicalCase(
      'an integer past 2^53 is read as the nearest double',
      '[9007199254740993,18446744073709551616]',
      ['numbers'],
    ),
    canonicalCase(
      'control characters: short escapes for b t n f r, \\u00xx in lower case for the rest',
      '"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u000e\\u001F\\u001f"',
      ['escapes'],
    ),
    canonicalCase('quote and backslash stay escaped; solidus is not escaped', '"\\"\\\\\\/ and /"', [
      'escapes',
    ]),
    canonicalCase('escaped printable characters written raw', '"\\u0041\\u00e9\\u20AC\\u007f"', [
      'escapes',
      'unicode',
    ]),
    canonicalCase('U+2028, U+2029 and other non-ASCII stay raw UTF-8', '"\\u2028\\u2029\\u00a0ü€"', [
      'escapes',
      'unicode',
    ]),
    canonicalCase(
      '<, > and &, escaped or raw, are written raw: JCS has no escapes for HTML',
      '"\\u003cscript\\u003e \\u0026amp; <b> & </b>"',
      ['escapes', 'html'],
    ),
    canonicalCase(
      'U+2028 and U+2029 raw in a string and in names, where they sort by code unit',
      '{"\u2029":"a\u2028b","\u2028":"<&>","&":1}',
      ['escapes', 'unicode', 'order'],
    ),
    canonicalCase('a surrogate pair, escaped or raw, becomes 4 bytes of UTF-8', '["\\ud83e\\udd67","🥧"]', [
      'unicode',
    ]),
    canonicalCase('names are escaped like strings', '{"\\n":1,"\\u0007":2,"\\"":3}', ['escapes', 'order']),
    canonicalCase('eight levels of nesting, the deepest the protocol allows', nested(8), [
      'nesting',
      'limit',
    ]),
    refusedCase('a duplicate member name', '{"a":1,"a":2}', 'ERR_JSON', ['i-json']),
    refusedCase('a duplicate member name written with an escape', '{"a":1,"\\u0061":2}', 'ERR_JSON', [
      'i-json',
    ]),
    refusedCase('a lone high surrogate', '["\\ud800"]', 'ERR_JSON', ['i-json']),
    refusedCase('a lone low surrogate in a name', '{"\\udc00":1}', 'ERR_JSON', ['i-json']),
    refusedCase('a noncharacter, U+FFFF, in a string', '["\\uffff"]', 'ERR_JSON', ['i-json', 'noncharacter']),
    refusedCase('a noncharacter, U+FDD0, in a name', '{"\\ufdd0":1}', 'ERR_JSON', ['i-json', 'noncharacter']),
    refusedCase(
      'a noncharacter outside the BMP, U+1FFFE, written as a surrogate pair',
      '["\\ud83f\\udffe"]',
      'ERR_JSON',
      ['i-json', 'noncharacter'],
    ),
    refusedCase('a noncharacter, U+10FFFF, written raw', '["\u{10ffff}"]', 'ERR_JSON', [
      'i-json',
      'noncharacter',
    ]),
    refusedCase(
      'two names that are different lone surrogates, then nesting nine deep: the scan finds no duplicate, ' +
        'and the depth is refused before the surrogates',
      '{"\\ud800":1,"\\udc00":[[[[[[[[[]]]]]]]]]}',
      'ERR_TOO_DEEP',
      ['i-json', 'nesting', 'order'],
    ),
    refusedCase('a number too large for a double', '[1e400]', 'ERR_JSON', ['i-json', 'numbers']),
    refusedCase('NaN is not JSON', '[NaN]', 'ERR_JSON', ['syntax']),
    refusedCase('a trailing comma', '[1,2,]', 'ERR_JSON', ['syntax']),
    refusedCase('a leading zero', '[01]', 'ERR_JSON', ['syntax', 'numbers']),
    refusedCase('nine levels of nesting', nested(9), 'ERR_TOO_DEEP', ['nesting', 'limit']),
  ];
  return {
    description:
      'Canonical JSON (RFC 8785, JCS). Input is JSON text; parse it under the protocol rules (I-JSON: no ' +
      'duplicate names, no lone surrogates, no noncharacters, finite numbers, at most 8 levels), then ' +
      'canonicalize. Expected is ' +
      'the canonical text and its UTF-8 bytes in hex, or the error code when the text is refused.',
    source: 'spec/canonical-form.md; RFC 8785; RFC 7493',
    cases,
  };
}

function idCase(description, message, tags) {
  const bytes = core.canonicalBytes(message);
  return vectorCase(
    description,
    { message },
    { canonical: core.fromUtf8(bytes), canonicalHex: core.toHex(bytes), id: core.messageId(message) },
    tags,
  );
}

/** The same object with its members, at every level, in reverse order. */
function reversed(value) {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((key) => [key, reversed(value[key])]),
  );
}

export function idsFile() {
  const names = [
    'intent-minimal',
    'intent-full',
    'intent-unicode',
    'intent-millis',
    'offer',
    'reply-accept',
    'confirm',
  ];
  const cases = names.map((name) => {
    const message = valid(name);
    const entry = idCase(`the id of ${name}`, unsigned(message), [message.type]);
    check(entry.expected.id === message.id, `id of ${name}`);
    return entry;
  });
  const full = valid('intent-full');
  const withIdAndSig = idCase('id and sig, when present, are left out of the canonical form', full, [
    'strip',
  ]);
  check(withIdAndSig.expected.id === full.id, 'id with id and sig present');
  cases.push(withIdAndSig);
  const shuffled = idCase('the order of members does not change the id', reversed(unsigned(full)), ['order']);
  check(shuffled.expected.id === full.id, 'id of reversed members');
  cases.push(shuffled);
  return {
    description:
      'Message ids: the canonical form (RFC 8785) of the message without its "id" and "sig" members, as UTF-8 ' +
      'bytes, and the id, which is the lowercase hex SHA-256 of those bytes. Unknown members stay in.',
    source: 'spec/canonical-form.md#canonical-bytes; spec/canonical-form.md#message-id',
    cases,
  };
}
