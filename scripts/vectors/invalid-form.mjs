// Invalid messages, part 1: the JSON text, its size and depth, the protocol version and the type.
import { core, pretty } from './common.mjs';
import { altered, textOf } from './invalid-helpers.mjs';
import { valid } from './story.mjs';

export function formCases(add) {
  const minimal = valid('intent-minimal');

  // The JSON text itself.
  const nonceLine = `  "nonce": "${minimal.nonce}",\n`;
  add(
    'json-duplicate-member',
    'a member name appears twice, both times with the same value',
    textOf('intent-minimal', nonceLine, nonceLine + nonceLine),
    'ERR_JSON',
    undefined,
    ['i-json', 'raw'],
  );
  add(
    'json-duplicate-member-escaped',
    'a member name appears twice, once written with a \\u escape',
    textOf('intent-minimal', '"quantity": 1', '"quantity": 1,\n      "\\u0071uantity": 1'),
    'ERR_JSON',
    undefined,
    ['i-json', 'raw'],
  );
  add(
    'json-trailing-comma',
    'a comma after the last member',
    textOf('intent-minimal', `"sig": "${minimal.sig}"`, `"sig": "${minimal.sig}",`),
    'ERR_JSON',
    undefined,
    ['syntax', 'raw'],
  );
  add(
    'json-lone-surrogate',
    'a string holds an escaped lone surrogate',
    textOf('intent-minimal', 'good condition.', 'good condition \\ud83d.'),
    'ERR_JSON',
    '/body/what/description',
    ['i-json', 'raw'],
  );
  add(
    'json-noncharacter',
    'a string holds the noncharacter U+FFFF, escaped',
    textOf('intent-minimal', 'good condition.', 'good condition \\uffff.'),
    'ERR_JSON',
    '/body/what/description',
    ['i-json', 'noncharacter', 'raw'],
  );
  add(
    'json-noncharacter-raw',
    'a string holds the noncharacter U+FDD0, written raw in UTF-8',
    textOf('intent-minimal', 'good condition.', 'good condition \ufdd0.'),
    'ERR_JSON',
    '/body/what/description',
    ['i-json', 'noncharacter', 'raw'],
  );
  add(
    'order-surrogate-names-before-depth',
    'two names that are different lone surrogates, then nesting nine deep: not duplicates, so the depth decides',
    textOf(
      'intent-minimal',
      nonceLine,
      `${nonceLine}  "ext": {"\\ud800": 1, "\\udc00": [[[[[[[["x"]]]]]]]]},\n`,
    ),
    'ERR_TOO_DEEP',
    undefined,
    ['order', 'i-json', 'raw'],
  );
  /** The UTF-8 of intent-minimal with `bytes` put inside its description. */
  const withBytes = (bytes) => {
    const text = core.utf8(textOf('intent-minimal', 'good condition.', 'good condition\u0001.'));
    const at = text.indexOf(1);
    return Uint8Array.from([...text.subarray(0, at), ...bytes, ...text.subarray(at + 1)]);
  };
  add(
    'json-invalid-utf8',
    'the byte 0xff, which UTF-8 never uses, inside a string',
    withBytes([0xff]),
    'ERR_JSON',
    undefined,
    ['utf-8', 'raw'],
  );
  add(
    'json-utf8-overlong',
    'an overlong UTF-8 form of "/" (0xc0 0xaf) inside a string',
    withBytes([0xc0, 0xaf]),
    'ERR_JSON',
    undefined,
    ['utf-8', 'raw'],
  );
  add(
    'json-utf8-surrogate',
    'a surrogate encoded in UTF-8 (0xed 0xa0 0x80) inside a string',
    withBytes([0xed, 0xa0, 0x80]),
    'ERR_JSON',
    undefined,
    ['utf-8', 'raw'],
  );
  add(
    'json-bom',
    'a valid message preceded by a UTF-8 byte order mark',
    Uint8Array.from([0xef, 0xbb, 0xbf, ...core.utf8(pretty(minimal))]),
    'ERR_JSON',
    undefined,
    ['utf-8', 'bom', 'raw'],
  );
  add('json-empty', 'an empty file', '', 'ERR_JSON', undefined, ['syntax', 'raw']);

  // Size and depth.
  add(
    'too-large',
    'the canonical form is longer than 65536 bytes',
    altered('intent-minimal', (m) => {
      m.body.what.description = 'x'.repeat(65_536);
    }),
    'ERR_TOO_LARGE',
    undefined,
    ['limit'],
  );
  add(
    'too-deep',
    'an extension nests nine levels deep, counting the message',
    altered('intent-minimal', (m) => {
      m.ext = { 'org.example.deep': [[[[[[['bottom']]]]]]] };
    }),
    'ERR_TOO_DEEP',
    undefined,
    ['limit'],
  );

  add(
    'order-duplicate-before-depth',
    'a duplicate member name, then nesting nine levels deep: the scan meets the duplicate first',
    textOf(
      'intent-minimal',
      nonceLine,
      `${nonceLine}${nonceLine}  "ext": {"org.example.deep": [[[[[[["x"]]]]]]]},\n`,
    ),
    'ERR_JSON',
    undefined,
    ['order', 'raw'],
  );
  add(
    'order-depth-before-syntax',
    'text cut off inside nesting nine levels deep: the depth is refused before the syntax',
    `${pretty(minimal).split(nonceLine)[0]}${nonceLine}  "ext": {"org.example.deep": [[[[[[[`,
    'ERR_TOO_DEEP',
    undefined,
    ['order', 'raw'],
  );

  // Version and type.
  add(
    'version-unknown',
    'protocol "intentcast/2"',
    altered('intent-minimal', (m) => {
      m.protocol = 'intentcast/2';
    }),
    'ERR_UNSUPPORTED_VERSION',
    '/protocol',
    [],
  );
  add(
    'version-missing',
    'no protocol member',
    altered('intent-minimal', (m) => {
      delete m.protocol;
    }),
    'ERR_UNSUPPORTED_VERSION',
    '/protocol',
    [],
  );
  add(
    'type-unknown',
    'type "bid"',
    altered('intent-minimal', (m) => {
      m.type = 'bid';
    }),
    'ERR_UNKNOWN_TYPE',
    '/type',
    [],
  );
  add(
    'type-case',
    'type "Intent": names are case-sensitive',
    altered('intent-minimal', (m) => {
      m.type = 'Intent';
    }),
    'ERR_UNKNOWN_TYPE',
    '/type',
    [],
  );
  add(
    'order-version-before-type',
    'both protocol and type are unknown: the version is checked first',
    altered('intent-minimal', (m) => {
      m.protocol = 'intentcast/2';
      m.type = 'bid';
    }),
    'ERR_UNSUPPORTED_VERSION',
    '/protocol',
    ['order'],
  );
}
