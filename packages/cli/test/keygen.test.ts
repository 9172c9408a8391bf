import { readFile, stat, writeFile } from 'node:fs/promises';
import { didKeyFromPublicKey, keyPairFromJwk } from '@intentcast/core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { run, tempDir } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  tmp = await tempDir();
});
afterEach(async () => {
  await tmp.remove();
});

/** The did:key of a private JWK text, after checking that it is one. */
function didOfPrivateJwk(text: string): string {
  const jwk = JSON.parse(text) as Record<string, unknown>;
  expect(Object.keys(jwk).sort()).toEqual(['crv', 'd', 'kty', 'x']);
  const { publicKey, secretKey } = keyPairFromJwk(jwk);
  expect(secretKey).toHaveLength(32);
  return didKeyFromPublicKey(publicKey);
}

describe('intentcast keygen', () => {
  test('--out writes a private JWK of mode 600 and prints its did:key', async () => {
    const file = tmp.path('buyer.jwk');
    const result = await run(['keygen', '--out', file]);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(/^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44,45}\n$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(didOfPrivateJwk(await readFile(file, 'utf8'))).toBe(result.stdout.trim());
  });

  test('without --out, prints the JWK on stdout and the did:key on stderr', async () => {
    const result = await run(['keygen']);
    expect(result.status).toBe(0);
    expect(result.stdout.endsWith('}\n')).toBe(true);
    expect(`${didOfPrivateJwk(result.stdout)}\n`).toBe(result.stderr);
  });

  test('each key is new', async () => {
    const first = await run(['keygen']);
    const second = await run(['keygen']);
    expect(first.stderr).not.toBe(second.stderr);
  });

  test('refuses to overwrite an existing file', async () => {
    const file = tmp.path('taken.jwk');
    await writeFile(file, 'keep me');
    const result = await run(['keygen', '--out', file]);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: `error: ${JSON.stringify(file)} already exists; add --force to replace it\n`,
    });
    expect(await readFile(file, 'utf8')).toBe('keep me');
  });

  test('--force replaces an existing file, and the new one has mode 600 whatever the old one had', async () => {
    const file = tmp.path('old.jwk');
    await writeFile(file, 'old key', { mode: 0o644 });
    const result = await run(['keygen', '--out', file, '--force']);
    expect(result.status).toBe(0);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(didOfPrivateJwk(await readFile(file, 'utf8'))).toBe(result.stdout.trim());
  });

  test('a directory that does not exist is a file error', async () => {
    const file = tmp.path('missing/buyer.jwk');
    const result = await run(['keygen', '--out', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`error: cannot write ${JSON.stringify(file)}: no such file or directory\n`);
  });

  test('--force without --out is a usage error', async () => {
    const result = await run(['keygen', '--force']);
    expect(result).toEqual({ status: 2, stdout: '', stderr: 'error: --force needs --out\n' });
  });
});
