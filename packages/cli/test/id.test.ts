import { writeFile } from 'node:fs/promises';
import { messageId } from '@intentcast/core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { draftIntent, jsonText, run, tempDir } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  tmp = await tempDir();
});
afterEach(async () => {
  await tmp.remove();
});

describe('intentcast id', () => {
  test('prints the id a signed message carries', async () => {
    const keyFile = tmp.path('key.jwk');
    await run(['keygen', '--out', keyFile]);
    const signed = (await run(['sign', '-', '--key', keyFile], jsonText(draftIntent()))).stdout;
    const file = tmp.path('signed.json');
    await writeFile(file, signed);
    expect(await run(['id', file])).toEqual({ status: 0, stdout: `${JSON.parse(signed).id}\n`, stderr: '' });
  });

  test('computes the id of an unsigned draft, which need not be valid', async () => {
    const draft = { ...draftIntent(), body: 'not a body' };
    const result = await run(['id', '-'], JSON.stringify(draft));
    expect(result).toEqual({ status: 0, stdout: `${messageId(draft)}\n`, stderr: '' });
  });

  test('ignores the id and sig the message carries', async () => {
    const draft = draftIntent();
    const claimed = { ...draft, id: 'f'.repeat(64), sig: '0'.repeat(128) };
    const result = await run(['id', '-'], JSON.stringify(claimed));
    expect(result.stdout).toBe(`${messageId(draft)}\n`);
  });

  test('does not depend on key order or whitespace', async () => {
    const draft = draftIntent();
    const reordered = Object.fromEntries(Object.entries(draft).reverse());
    const a = await run(['id', '-'], JSON.stringify(draft));
    const b = await run(['id', '-'], jsonText(reordered));
    expect(a.stdout).toBe(b.stdout);
  });

  test('refuses text that is not strict JSON', async () => {
    expect(await run(['id', '-'], '{"a":1,"a":2}')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'ERR_JSON: duplicate member name "a"\n',
    });
    expect((await run(['id', '-'], "{'a':1}")).stderr).toMatch(/^ERR_JSON: not valid JSON: /);
  });

  test('refuses JSON that is not an object', async () => {
    expect(await run(['id', '-'], '[1,2]')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'ERR_SCHEMA: expected a JSON object\n',
    });
  });

  test('a missing file exits 2', async () => {
    const result = await run(['id', tmp.path('missing.json')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: cannot read ".+missing\.json": no such file or directory\n$/);
  });
});
