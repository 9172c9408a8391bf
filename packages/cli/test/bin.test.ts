import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { draftIntent, jsonText, tempDir } from './helpers.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const coreDir = fileURLToPath(new URL('../../core', import.meta.url));
const bin = fileURLToPath(new URL('../bin/intentcast.js', import.meta.url));

/** The newest modification time of the files under `dir`. */
function newest(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((latest, entry) => Math.max(latest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs), 0);
}

/** Builds a package unless its dist entry exists and is newer than every source file. */
function ensureBuilt(dir: string, entry: string): void {
  const output = `${dir}/dist/${entry}`;
  if (existsSync(output) && statSync(output).mtimeMs >= newest(`${dir}/src`)) return;
  execFileSync('npx', ['tsup'], { cwd: dir, stdio: 'pipe' });
}

function intentcast(args: string[], input = '') {
  const result = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  if (!existsSync(`${coreDir}/dist/index.js`)) ensureBuilt(coreDir, 'index.js');
  ensureBuilt(packageDir, 'main.js');
  tmp = await tempDir();
}, 120_000);
afterAll(async () => {
  await tmp?.remove();
});

describe('the intentcast binary', () => {
  test('keygen, sign, verify and id work end to end', async () => {
    const keyFile = tmp.path('key.jwk');
    const keygen = intentcast(['keygen', '--out', keyFile]);
    expect(keygen).toMatchObject({ status: 0, stderr: '' });
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const did = keygen.stdout.trim();

    const sign = intentcast(['sign', '-', '--key', keyFile], jsonText(draftIntent()));
    expect(sign).toMatchObject({ status: 0, stderr: '' });
    const signed = JSON.parse(sign.stdout);
    expect(signed.author).toBe(did);
    const signedFile = tmp.path('signed.json');
    await writeFile(signedFile, sign.stdout);

    expect(intentcast(['verify', signedFile])).toEqual({
      status: 0,
      stdout: `valid ${signed.id}\n`,
      stderr: '',
    });
    expect(intentcast(['id', signedFile]).stdout).toBe(`${signed.id}\n`);

    const tampered = { ...signed, body: { ...signed.body, offerCap: 6 } };
    const verdict = intentcast(['verify', '-'], JSON.stringify(tampered));
    expect(verdict.status).toBe(1);
    expect(verdict.stderr).toMatch(/^ERR_ID_MISMATCH: .+ \(at \/id\)\n$/);
  });

  test('keygen refuses to overwrite a key', async () => {
    const keyFile = tmp.path('once.jwk');
    expect(intentcast(['keygen', '-o', keyFile]).status).toBe(0);
    const before = await readFile(keyFile, 'utf8');
    const again = intentcast(['keygen', '-o', keyFile]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists; add --force to replace it');
    expect(await readFile(keyFile, 'utf8')).toBe(before);
  });

  test('a missing file exits 2, and garbage exits 1', () => {
    const missing = intentcast(['verify', tmp.path('missing.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^error: cannot read ".+": no such file or directory\n$/);
    const garbage = intentcast(['verify', '-', '--json'], '\u0000garbage');
    expect(garbage.status).toBe(1);
    expect(JSON.parse(garbage.stdout)).toMatchObject({ ok: false, code: 'ERR_JSON' });
  });

  test('--version matches the package', async () => {
    const pkg = JSON.parse(await readFile(`${packageDir}/package.json`, 'utf8'));
    expect(intentcast(['--version'])).toEqual({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});
