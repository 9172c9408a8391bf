import { mkdir, writeFile } from 'node:fs/promises';
import { LIMITS } from '@intentcast/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { draftIntent, jsonText, run, tempDir } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let keyFile: string;
/** A valid signed intent, live now. */
let signed: Record<string, string>;
/** A signed intent that lived through 2020-01-01 only: expired by any real clock. */
let dated: string;

async function signDraft(draft: Record<string, unknown>): Promise<string> {
  const result = await run(['sign', '-', '--key', keyFile], jsonText(draft));
  expect(result.status).toBe(0);
  return result.stdout;
}

beforeAll(async () => {
  tmp = await tempDir();
  keyFile = tmp.path('key.jwk');
  await run(['keygen', '--out', keyFile]);
  signed = JSON.parse(await signDraft(draftIntent()));
  dated = await signDraft(draftIntent({ created: '2020-01-01T00:00:00Z', expires: '2020-01-02T00:00:00Z' }));
});
afterAll(async () => {
  await tmp.remove();
});

async function fileWith(name: string, text: string): Promise<string> {
  const file = tmp.path(name);
  await writeFile(file, text);
  return file;
}

describe('intentcast verify', () => {
  test('a valid message exits 0 and prints its id', async () => {
    const result = await run(['verify', await fileWith('valid.json', jsonText(signed))]);
    expect(result).toEqual({ status: 0, stdout: `valid ${signed.id}\n`, stderr: '' });
  });

  test('reads stdin when FILE is -', async () => {
    expect(await run(['verify', '-'], JSON.stringify(signed))).toMatchObject({ status: 0 });
  });

  test('a changed field exits 1 with ERR_ID_MISMATCH', async () => {
    const tampered = { ...signed, created: signed.created!.replace(/:\d\dZ$/, ':59Z') };
    if (tampered.created === signed.created) tampered.created = signed.created.replace(/:\d\dZ$/, ':58Z');
    const result = await run(['verify', await fileWith('tampered.json', JSON.stringify(tampered))]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^ERR_ID_MISMATCH: id does not match the content; expected [0-9a-f]{64} \(at \/id\)\n$/,
    );
  });

  test('a forged signature exits 1 with ERR_SIGNATURE_INVALID', async () => {
    const sig = signed.sig!;
    const forged = { ...signed, sig: (sig[0] === '0' ? '1' : '0') + sig.slice(1) };
    const result = await run(['verify', await fileWith('forged.json', JSON.stringify(forged))]);
    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr: 'ERR_SIGNATURE_INVALID: signature does not verify under the author key (at /sig)\n',
    });
  });

  test('any changed digit of the signature is refused', async () => {
    const sig = signed.sig!;
    await fc.assert(
      fc.asyncProperty(fc.nat(sig.length - 1), fc.integer({ min: 1, max: 15 }), async (at, delta) => {
        const digit = ((Number.parseInt(sig[at]!, 16) + delta) % 16).toString(16);
        const forged = { ...signed, sig: sig.slice(0, at) + digit + sig.slice(at + 1) };
        const result = await run(['verify', '-'], JSON.stringify(forged));
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(/^ERR_SIGNATURE_INVALID: /);
      }),
      { numRuns: 50 },
    );
  });

  test('text that is not JSON exits 1 with ERR_JSON', async () => {
    const result = await run(['verify', await fileWith('garbage.json', 'not json at all')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^ERR_JSON: not valid JSON: .+\n$/);
  });

  test('duplicate member names exit 1 with ERR_JSON', async () => {
    const text = JSON.stringify(signed).replace('{', '{"type":"offer",');
    const result = await run(['verify', '-'], text);
    expect(result).toMatchObject({ status: 1, stderr: 'ERR_JSON: duplicate member name "type"\n' });
  });

  test('input longer than the protocol allows exits 1 with ERR_TOO_LARGE, from a file or stdin', async () => {
    const text = ' '.repeat(LIMITS.maxTextBytes + 1);
    const fromFile = await run(['verify', await fileWith('large.json', text)]);
    expect(fromFile).toMatchObject({
      status: 1,
      stderr: `ERR_TOO_LARGE: input is ${LIMITS.maxTextBytes + 1} bytes; the limit is ${LIMITS.maxTextBytes}\n`,
    });
    const fromStdin = await run(['verify', '-'], text);
    expect(fromStdin.status).toBe(1);
    expect(fromStdin.stderr).toMatch(/^ERR_TOO_LARGE: /);
  });

  test('a missing file exits 2 with a clear message', async () => {
    const missing = tmp.path('missing.json');
    const result = await run(['verify', missing]);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: `error: cannot read ${JSON.stringify(missing)}: no such file or directory\n`,
    });
  });

  test('a directory exits 2', async () => {
    const dir = tmp.path('a-directory');
    await mkdir(dir);
    const result = await run(['verify', dir]);
    expect(result).toMatchObject({
      status: 2,
      stderr: `error: cannot read ${JSON.stringify(dir)}: is a directory\n`,
    });
  });
});

describe('intentcast verify: time', () => {
  test('--now after expiry exits 1 with ERR_EXPIRED', async () => {
    const result = await run(['verify', '-', '--now', '2020-01-02T00:00:00Z'], dated);
    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr: 'ERR_EXPIRED: message expired at 2020-01-02T00:00:00Z (at /expires)\n',
    });
  });

  test('--now within the lifetime exits 0, in any zone offset', async () => {
    expect((await run(['verify', '-', '--now', '2020-01-01T12:00:00Z'], dated)).status).toBe(0);
    expect((await run(['verify', '-', '--now', '2020-01-01T23:59:59-00:30'], dated)).status).toBe(1);
    expect((await run(['verify', '-', '--now', '2020-01-02T00:59:59+01:00'], dated)).status).toBe(0);
  });

  test('--now well before creation exits 1 with ERR_NOT_YET_VALID', async () => {
    const result = await run(['verify', '-', '--now', '2019-12-31T23:00:00Z'], dated);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^ERR_NOT_YET_VALID: .+ \(at \/created\)\n$/);
  });

  test('the clock is used without --now, and --no-time skips the time checks', async () => {
    expect((await run(['verify', '-'], dated)).stderr).toMatch(/^ERR_EXPIRED: /);
    expect(await run(['verify', '-', '--no-time'], dated)).toMatchObject({ status: 0, stderr: '' });
  });

  test('--now must be an RFC 3339 time with a zone', async () => {
    for (const now of ['tomorrow', '2020-01-01', '2020-01-01T12:00:00', '2020-13-01T00:00:00Z']) {
      const result = await run(['verify', '-', '--now', now], dated);
      expect(result.status, now).toBe(2);
      expect(result.stderr).toContain(`error: option '--now <time>' argument '${now}' is invalid.`);
    }
  });

  test('--now and --no-time cannot be combined', async () => {
    const result = await run(['verify', '-', '--now', '2020-01-01T12:00:00Z', '--no-time'], dated);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("error: option '--now <time>' cannot be used with option '--no-time'");
  });
});

describe('intentcast verify --json', () => {
  test('a valid message prints {ok: true, id}', async () => {
    const result = await run(['verify', '-', '--json'], JSON.stringify(signed));
    expect(result).toEqual({
      status: 0,
      stdout: `${JSON.stringify({ ok: true, id: signed.id })}\n`,
      stderr: '',
    });
  });

  test('an invalid message prints {ok: false, code, message, path} on stdout and exits 1', async () => {
    const result = await run(['verify', '-', '--json', '--now', '2020-01-03T00:00:00Z'], dated);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      code: 'ERR_EXPIRED',
      message: 'message expired at 2020-01-02T00:00:00Z',
      path: '/expires',
    });
  });

  test('a failure without a place has no path', async () => {
    const result = await run(['verify', '-', '--json'], '[1,');
    expect(result.status).toBe(1);
    expect(Object.keys(JSON.parse(result.stdout))).toEqual(['ok', 'code', 'message']);
  });

  test('a missing file is still a usage error, on stderr', async () => {
    const result = await run(['verify', tmp.path('missing.json'), '--json']);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toMatch(/^error: cannot read /);
  });
});
