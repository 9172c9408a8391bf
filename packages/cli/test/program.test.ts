import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { run } from './helpers.js';

describe('intentcast', () => {
  test('without a command, prints the help on stderr and exits 2', async () => {
    const result = await run([]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: intentcast [options] [command]');
    const commands = [
      'keygen',
      'sign',
      'verify',
      'id',
      'relay',
      'cast',
      'watch',
      'offer',
      'reply',
      'withdraw',
    ];
    for (const command of [...commands, 'thread', 'keys']) expect(result.stderr).toContain(`  ${command} `);
  });

  test('--help prints the help, with the exit statuses, on stdout and exits 0', async () => {
    const result = await run(['--help']);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toContain('Exit status: 0 success, 1 the input failed a protocol check');
  });

  test('help for one command exits 0', async () => {
    const result = await run(['help', 'verify']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: intentcast verify [options] <file>');
  });

  test('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
    expect(await run(['--version'])).toEqual({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  test('an unknown command or option exits 2', async () => {
    const command = await run(['verfy', 'x.json']);
    expect(command.status).toBe(2);
    expect(command.stderr).toContain("error: unknown command 'verfy'");
    expect(command.stderr).toContain('(Did you mean verify?)');
    const option = await run(['id', 'x.json', '--jsn']);
    expect(option.status).toBe(2);
    expect(option.stderr).toContain("error: unknown option '--jsn'");
  });

  test('a missing argument exits 2', async () => {
    const result = await run(['verify']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("error: missing required argument 'file'");
  });
});
