import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { type CliIo, type CliResult, runCli } from '../src/cli/program.js';
import type { RunningServer } from '../src/cli/serve.js';
import { dataPaths } from '../src/config/data-dir.js';
import { loadConfig } from '../src/config/load.js';
import { createHub, streamPlugin } from '../src/stream/index.js';

/** The relay's command line, run in this process: `serve` (the default) and `config check`. */

const root = mkdtempSync(join(tmpdir(), 'intentcast-cli-'));
const servers: RunningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
const fresh = (name: string) => join(root, `${n++}-${name}`);

function captureIo(env: Record<string, string> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    env,
    cwd: root,
    signals: false,
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}

function served(result: CliResult): RunningServer {
  if (!('server' in result)) throw new Error(`expected a server, got exit code ${result.exitCode}`);
  servers.push(result.server);
  return result.server;
}

describe('serve', () => {
  test('is the default command: `--port 0 --data DIR` runs a relay there', async () => {
    const data = fresh('data');
    const io = captureIo();
    const server = served(await runCli(['--port', '0', '--data', data, '--log-level', 'silent'], io));
    expect(io.out).toBe(`Intentcast relay listening on ${server.url} (data: ${data})\n`);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(statSync(data).mode & 0o777).toBe(0o700);
    expect(statSync(dataPaths(data).key).mode & 0o777).toBe(0o600);
    expect(existsSync(dataPaths(data).database)).toBe(true);
  });

  test('takes a configuration file, the environment and flags, in that order of strength', async () => {
    const file = fresh('relay.yaml');
    writeFileSync(
      file,
      'listen:\n  port: 0\ndataDir: ./served\nlogLevel: silent\noperator:\n  name: From the file\nlimits:\n  maxBatch: 7\n',
    );
    const io = captureIo({ INTENTCAST_CONFIG: file, INTENTCAST_MAX_BATCH: '8' });
    const server = served(await runCli(['serve', '--max-batch', '9'], io));
    const doc = (await (await fetch(`${server.url}/.well-known/intentcast`)).json()) as {
      operator: { name: string };
      limits: { maxBatch: number };
    };
    expect(doc.operator.name).toBe('From the file');
    expect(doc.limits.maxBatch).toBe(9);
    expect(io.out).toContain(`(data: ${join(root, 'served')})`);
  });

  test('the entry can add collaborators: the live-stream hub and its routes', async () => {
    const io: CliIo = {
      ...captureIo(),
      extras: (config) => {
        const hub = createHub({ limits: config.limits.stream });
        return { hub, plugins: [streamPlugin({ hub })] };
      },
    };
    const server = served(
      await runCli(['--port', '0', '--data', fresh('data'), '--log-level', 'silent'], io),
    );
    expect(server.relay.hasRoute({ method: 'GET', url: '/v1/stream' })).toBe(true);
  });

  test('a configuration error exits with 2 and a readable list, never a stack trace', async () => {
    const io = captureIo({ PORT: 'eighty' });
    const result = await runCli(['--log-level', 'chatty', '--allow-key', 'did:key:nope'], io);
    expect(result).toEqual({ exitCode: 2 });
    expect(io.err).toBe(
      [
        'intentcast-relay: the configuration is not valid:',
        '  listen.port (env PORT): expected an integer from 0 to 65535, got "eighty"',
        '  logLevel (flag --log-level): expected one of fatal, error, warn, info, debug, trace, silent, got "chatty"',
        '  keys.allow (flag --allow-key): item 0 "did:key:nope": expected an Ed25519 did:key',
        '',
      ].join('\n'),
    );
    expect(io.out).toBe('');
  });

  test('a failure to start exits with 1 and says why', async () => {
    const first = served(
      await runCli(['--port', '0', '--data', fresh('data'), '--log-level', 'silent'], captureIo()),
    );
    const port = new URL(first.url).port;
    const io = captureIo();
    expect(await runCli(['--port', port, '--data', fresh('data'), '--log-level', 'silent'], io)).toEqual({
      exitCode: 1,
    });
    expect(io.err).toMatch(/^intentcast-relay: .*EADDRINUSE/);
  });
});

describe('config check', () => {
  test('prints the effective configuration as YAML, sources noted, secrets masked', async () => {
    const token = 'metrics-token-that-is-secret';
    const io = captureIo({ INTENTCAST_METRICS_TOKEN: token, PORT: '9100' });
    expect(await runCli(['config', 'check', '--cors-origin', 'https://a.example'], io)).toEqual({
      exitCode: 0,
    });
    expect(io.out).not.toContain(token);
    expect(io.out).toContain('port: 9100 # env PORT\n');
    expect(io.out).toContain('origins: [ https://a.example ] # flag --cors-origin\n');
    expect(io.out).toContain('# token: ******** (env INTENTCAST_METRICS_TOKEN)');
    const printed = YAML.parse(io.out);
    const { config } = await loadConfig({
      env: { INTENTCAST_METRICS_TOKEN: token, PORT: '9100' },
      flags: { 'cors.origins': ['https://a.example'] },
      cwd: root,
    });
    const { token: _token, ...metrics } = config.metrics;
    expect(printed).toEqual({ ...config, metrics });
  });

  test('--json prints JSON, secrets masked', async () => {
    const io = captureIo({ INTENTCAST_METRICS_TOKEN: 'metrics-token-that-is-secret' });
    expect(await runCli(['config', 'check', '--json'], io)).toEqual({ exitCode: 0 });
    expect(JSON.parse(io.out).metrics.token).toBe('********');
  });

  test('an invalid file fails the check with 2', async () => {
    const file = fresh('bad.yaml');
    writeFileSync(file, 'listen:\n  prot: 80\n');
    const io = captureIo();
    expect(await runCli(['config', 'check', '--config', file], io)).toEqual({ exitCode: 2 });
    expect(io.err).toContain(
      `  listen.prot (file ${file}): is not a configuration key; did you mean listen.port?\n`,
    );
  });
});

describe('the command line itself', () => {
  test('help and version exit with 0; an unknown option with 2', async () => {
    const help = captureIo();
    expect(await runCli(['--help'], help)).toEqual({ exitCode: 0 });
    for (const command of ['serve', 'backup', 'restore', 'migrate', 'config'])
      expect(help.out).toContain(command);
    const version = captureIo();
    expect(await runCli(['--version'], version)).toEqual({ exitCode: 0 });
    expect(version.out).toBe('0.1.0\n');
    const unknown = captureIo();
    expect(await runCli(['--prot', '80'], unknown)).toEqual({ exitCode: 2 });
    expect(unknown.err).toContain("error: unknown option '--prot'");
    expect(unknown.err).toContain('--port');
  });
});
