import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  assertPublicKey,
  canonicalJson,
  compareAmounts,
  didKeyFromPublicKey,
  fromHex,
  type JsonValue,
  keyPairFromJwk,
  keyPairFromSecretKey,
  messageSigningInput,
  nobleBackend,
  parseJson,
  parseTimestamp,
  SCHEMAS,
  toHex,
  utf8,
  validateMessage,
} from '@intentcast/core';
import { sha256 } from '@noble/hashes/sha2.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';

/**
 * Every example in spec/*.md is real: this test finds the fenced blocks by their info string and checks each.
 *
 *   ```json example                     a message that validates (times not checked against the clock)
 *   ```json example ERR_X               a message refused with ERR_X
 *   ```json fragment <file>#<pointer>   a value that matches that part of a schema
 *       ... invalid                     a value that does not match it
 *       ... ERR_TIME_INVALID            a timestamp that matches it but names no real time
 *       ... each                        a JSON array whose every item is checked so
 *   ```json jwk <did:key>               an Ed25519 JWK whose public key is that did:key
 *   ```json jcs-input, then ```text jcs-output   a value and its RFC 8785 form
 *   ```text worked-example              seed, key, canonical form, id, signing input and signature
 *   ```text terms-document <sha256>     a document (lines joined by LF, with a final LF) and its hash
 *   ```text compare-amounts             lines `a < b`, `a = b` or `a > b`
 *   ```text seed-did                    lines `<seed hex> <did:key>`
 *   ```text small-order-keys            the encodings of the points of small order, one a line
 *   ```text validation-cases            lines `ERR_X <JSON text>`: the text is refused with ERR_X
 */

const specDir = fileURLToPath(new URL('../../../spec/', import.meta.url));
const SCHEMA_BASE = 'https://intentcast.org/schemas/v1/';

interface Block {
  file: string;
  line: number;
  lang: string;
  words: string[];
  text: string;
}

function blocksOf(file: string): Block[] {
  const lines = readFileSync(specDir + file, 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S+)(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    blocks.push({
      file,
      line: start + 1,
      lang: open[1]!,
      words: open[2]!.trim().split(/\s+/).filter(Boolean),
      text: body.join('\n'),
    });
  }
  return blocks;
}

const files = readdirSync(specDir).filter((name) => name.endsWith('.md'));
const blocks = files.flatMap(blocksOf);
const kind = (block: Block) => `${block.lang} ${block.words[0] ?? ''}`;
const named = (block: Block) => `${block.file}:${block.line}`;
const ofKind = (k: string) =>
  blocks
    .filter((block) => kind(block) === k)
    .map((block) => ({ ...block, at: named(block), info: `${block.lang} ${block.words.join(' ')}` }));

const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: false, unicodeRegExp: true });
for (const schema of Object.values(SCHEMAS)) ajv.addSchema(schema);

const examples = ofKind('json example');
const fragments = ofKind('json fragment');

describe('spec examples', () => {
  test('the spec has examples of every kind', () => {
    expect(examples.filter((b) => b.words.length === 1).length).toBeGreaterThanOrEqual(12);
    expect(examples.filter((b) => b.words.length === 2).length).toBeGreaterThanOrEqual(3);
    expect(fragments.length).toBeGreaterThanOrEqual(20);
    for (const type of ['intent', 'offer', 'reply', 'withdraw', 'confirm']) {
      expect(examples.some((b) => b.words.length === 1 && b.text.includes(`"type": "${type}"`))).toBe(true);
    }
  });

  test.each(examples)('$at: $info', ({ words, text }) => {
    const result = validateMessage(text, { checkTime: false });
    const expected = words[1];
    if (expected === undefined) {
      expect(result).toMatchObject({ ok: true });
    } else {
      expect(result).toMatchObject({ ok: false, code: expected });
    }
  });

  test.each(fragments)('$at: $info', ({ words, text }) => {
    const [, pointer, ...flags] = words;
    const validate = ajv.getSchema(SCHEMA_BASE + pointer);
    expect(validate, `no schema at ${pointer}`).toBeTypeOf('function');
    const value = parseJson(text);
    const items = flags.includes('each') ? (value as JsonValue[]) : [value];
    expect(Array.isArray(items)).toBe(true);
    for (const item of items) {
      const matches = validate!(item);
      expect(matches, `${JSON.stringify(item)} against ${pointer}`).toBe(!flags.includes('invalid'));
      if (flags.includes('ERR_TIME_INVALID')) {
        expect(() => parseTimestamp(item as string)).toThrow(
          expect.objectContaining({ code: 'ERR_TIME_INVALID' }),
        );
      } else if (matches && pointer!.endsWith('/timestamp')) {
        expect(() => parseTimestamp(item as string)).not.toThrow();
      }
    }
  });

  test.each(ofKind('json jwk'))('$at: JWK', ({ words, text }) => {
    const { publicKey } = keyPairFromJwk(parseJson(text));
    expect(didKeyFromPublicKey(publicKey)).toBe(words[1]);
  });

  test('each jcs-input block is followed by its jcs-output', () => {
    const pairs = blocks.filter((b) => kind(b) === 'json jcs-input' || kind(b) === 'text jcs-output');
    expect(pairs.length).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < pairs.length; i += 2) {
      const [input, output] = [pairs[i]!, pairs[i + 1]];
      expect(kind(input), named(input)).toBe('json jcs-input');
      expect(output && kind(output), named(input)).toBe('text jcs-output');
      expect(canonicalJson(parseJson(input.text)), named(input)).toBe(output!.text);
    }
  });

  test.each(ofKind('text worked-example'))('$at: worked example', ({ text }) => {
    const fields = new Map(
      text.split('\n').map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon), line.slice(colon + 1).trim()] as const;
      }),
    );
    const get = (name: string) => {
      const value = fields.get(name);
      expect(value, name).toBeTypeOf('string');
      return value!;
    };
    const { publicKey, secretKey } = keyPairFromSecretKey(fromHex(get('seed')));
    expect(toHex(publicKey)).toBe(get('public key'));
    expect(didKeyFromPublicKey(publicKey)).toBe(get('author'));
    const canonical = get('canonical');
    expect(canonicalJson(parseJson(canonical))).toBe(canonical);
    expect(toHex(sha256(utf8(canonical)))).toBe(get('id'));
    const input = messageSigningInput(get('id'));
    expect(toHex(input)).toBe(get('signing input'));
    expect(toHex(nobleBackend.sign(input, secretKey))).toBe(get('sig'));
    expect(nobleBackend.verify(fromHex(get('sig')), input, publicKey)).toBe(true);
  });

  test.each(ofKind('text terms-document'))('$at: terms document hash', ({ words, text }) => {
    expect(toHex(sha256(utf8(`${text}\n`)))).toBe(words[1]);
  });

  test.each(ofKind('text compare-amounts'))('$at: amount comparisons', ({ text }) => {
    const amount = ajv.getSchema(`${SCHEMA_BASE}defs.json#/$defs/amount`)!;
    for (const line of text.split('\n')) {
      const [a, op, b] = line.trim().split(/\s+/);
      expect(amount(a) && amount(b), line).toBe(true);
      expect(Math.sign(compareAmounts(a!, b!)), line).toBe({ '<': -1, '=': 0, '>': 1 }[op!]);
    }
  });

  test.each(ofKind('text seed-did'))('$at: did:key of each seed', ({ text }) => {
    for (const line of text.split('\n')) {
      const [seed, did] = line.split(' ');
      expect(didKeyFromPublicKey(keyPairFromSecretKey(fromHex(seed!)).publicKey), line).toBe(did);
    }
  });

  test.each(ofKind('text small-order-keys'))('$at: small-order keys are refused', ({ text }) => {
    const lines = text.split('\n');
    expect(new Set(lines).size).toBe(8);
    for (const line of lines) {
      expect(() => assertPublicKey(fromHex(line)), line).toThrow(/small order/);
    }
  });

  test.each(ofKind('text validation-cases'))('$at: validation cases', ({ text }) => {
    for (const line of text.split('\n')) {
      const space = line.indexOf(' ');
      const result = validateMessage(line.slice(space + 1), { checkTime: false });
      expect(result, line).toMatchObject({ ok: false, code: line.slice(0, space) });
    }
  });
});
