import { writeFile } from 'node:fs/promises';
import { messageId, validateMessage } from '@intentcast/core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { draftIntent, jsonText, run, tempDir } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let keyFile: string;
let did: string;
beforeEach(async () => {
  tmp = await tempDir();
  keyFile = tmp.path('key.jwk');
  did = (await run(['keygen', '--out', keyFile])).stdout.trim();
});
afterEach(async () => {
  await tmp.remove();
});

async function writeDraft(value: unknown, name = 'draft.json'): Promise<string> {
  const file = tmp.path(name);
  await writeFile(file, jsonText(value));
  return file;
}

describe('intentcast sign', () => {
  test('fills in author, nonce, id and sig, and prints pretty JSON that verifies', async () => {
    const result = await run(['sign', await writeDraft(draftIntent()), '--key', keyFile]);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    const signed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(result.stdout).toBe(jsonText(signed));
    expect(signed.author).toBe(did);
    expect(signed.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(signed.id).toBe(messageId(signed));
    expect(validateMessage(signed).ok).toBe(true);
    expect(signed).toMatchObject(
      draftIntent({ created: signed.created as string, expires: signed.expires as string }),
    );
  });

  test('reads the message from stdin when FILE is -', async () => {
    const result = await run(['sign', '-', '--key', keyFile], jsonText(draftIntent()));
    expect(result.status).toBe(0);
    expect(validateMessage(result.stdout).ok).toBe(true);
  });

  test('keeps an author and nonce the message already has', async () => {
    const nonce = '0123456789abcdef0123456789abcdef';
    const file = await writeDraft({ ...draftIntent(), author: did, nonce });
    const result = await run(['sign', file, '-k', keyFile]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ author: did, nonce });
  });

  test('refuses a message whose author is another key, naming both keys', async () => {
    const other = (await run(['keygen'])).stderr.trim();
    const file = await writeDraft({ ...draftIntent(), author: other });
    const result = await run(['sign', file, '--key', keyFile]);
    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr:
        `ERR_KEY_INVALID: author is "${other}" but the key is ${did}; ` +
        'sign with the author key, or remove author to sign as the key (at /author)\n',
    });
  });

  test('refuses a message that is already signed', async () => {
    const signed = (await run(['sign', await writeDraft(draftIntent()), '--key', keyFile])).stdout;
    const result = await run(['sign', '-', '--key', keyFile], signed);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'ERR_SCHEMA: the message is already signed: remove id and sig to sign it again\n',
    );
  });

  test('refuses a message that breaks the schema, saying where', async () => {
    const draft = draftIntent();
    (draft.body as Record<string, unknown>).offerCap = 0;
    const result = await run(['sign', await writeDraft(draft), '--key', keyFile]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^ERR_SCHEMA: .+ \(at \/body\/offerCap\)\n$/);
  });

  test('refuses a key file without the private part', async () => {
    const publicOnly = tmp.path('public.jwk');
    const { d: _d, ...jwk } = JSON.parse((await run(['keygen'])).stdout) as Record<string, string>;
    await writeFile(publicOnly, JSON.stringify(jwk));
    const result = await run(['sign', await writeDraft(draftIntent()), '--key', publicOnly]);
    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr: `ERR_KEY_INVALID: key file ${JSON.stringify(publicOnly)}: JWK has no private part "d" (at /d)\n`,
    });
  });

  test('refuses a key file whose x is not the public key of d', async () => {
    const mixed = tmp.path('mixed.jwk');
    const a = JSON.parse((await run(['keygen'])).stdout) as Record<string, string>;
    const b = JSON.parse((await run(['keygen'])).stdout) as Record<string, string>;
    await writeFile(mixed, JSON.stringify({ ...a, x: b.x }));
    const result = await run(['sign', await writeDraft(draftIntent()), '--key', mixed]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `ERR_KEY_INVALID: key file ${JSON.stringify(mixed)}: JWK "x" is not the public key of "d" (at /x)\n`,
    );
  });

  test('a missing key file is a file error', async () => {
    const missing = tmp.path('nope.jwk');
    const result = await run(['sign', await writeDraft(draftIntent()), '--key', missing]);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: `error: cannot read ${JSON.stringify(missing)}: no such file or directory\n`,
    });
  });

  test('--key is required', async () => {
    const result = await run(['sign', await writeDraft(draftIntent())]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("error: required option '-k, --key <keyfile>' not specified");
  });

  test('the message and the key cannot both come from stdin', async () => {
    const result = await run(['sign', '-', '--key', '-'], '{}');
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: 'error: the message and the key cannot both come from standard input\n',
    });
  });
});
