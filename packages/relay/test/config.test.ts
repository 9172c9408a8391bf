import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { CONFIG_KEYS } from '../src/config/keys.js';
import { ConfigError, type ConfigIssue, loadConfig } from '../src/config/load.js';
import { relayOptionsFromConfig } from '../src/config/relay-options.js';
import { MASK, maskSecrets, renderConfigYaml } from '../src/config/render.js';
import { parseDuration, parseSize } from '../src/config/units.js';
import { DEFAULT_LIMITS, DEFAULT_RETENTION } from '../src/options.js';
import { DEFAULT_STREAM_LIMITS } from '../src/stream/limits.js';
import { didOf, VENDOR_A, VENDOR_B } from './relay-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'intentcast-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(ext: string, text: string): string {
  const path = join(dir, `relay-${files++}.${ext}`);
  writeFileSync(path, text);
  return path;
}

/** The issues of a configuration that must fail. */
async function issuesOf(sources: Parameters<typeof loadConfig>[0]): Promise<ConfigIssue[]> {
  const err = await loadConfig({ env: {}, cwd: dir, ...sources }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigError);
  return [...(err as ConfigError).issues];
}

const A = didOf(VENDOR_A);
const B = didOf(VENDOR_B);

describe('defaults', () => {
  test('with no source, every key has its default and the limits are the relay defaults', async () => {
    const { config, sources } = await loadConfig({ env: {}, cwd: dir });
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 8787 });
    expect(config.dataDir).toBe(join(dir, 'data'));
    expect(config.logLevel).toBe('info');
    expect(config.limits.maxBatch).toBe(DEFAULT_LIMITS.maxBatch);
    expect(config.limits.stream).toEqual(DEFAULT_STREAM_LIMITS);
    expect(config.retention).toEqual(DEFAULT_RETENTION);
    expect(config.trustProxy).toBe(false);
    expect(config.metrics.token).toBeUndefined();
    expect([...sources.values()].every((s) => s === 'default')).toBe(true);
  });

  test('the relay options of the defaults are the relay defaults', async () => {
    const { config } = await loadConfig({ env: {}, cwd: dir });
    const options = relayOptionsFromConfig(config);
    const { stream, ...limits } = options.limits;
    expect(limits).toEqual(DEFAULT_LIMITS);
    expect(stream).toEqual(DEFAULT_STREAM_LIMITS);
    expect(options.keyPolicy).toBeUndefined();
    expect(options.cors).toBeUndefined();
    expect(options.categories).toBeUndefined();
    expect(options.metrics).toEqual({ processMetrics: true });
  });
});

describe('sources and precedence', () => {
  test('flags over environment over file over defaults, each value reporting its source', async () => {
    const path = file(
      'yaml',
      'listen:\n  port: 1111\n  host: 0.0.0.0\nlogLevel: debug\nlimits:\n  maxBatch: 10\n',
    );
    const { config, sources } = await loadConfig({
      file: path,
      env: { PORT: '2222', LOG_LEVEL: 'warn' },
      flags: { 'listen.port': '3333' },
      cwd: dir,
    });
    expect(config.listen).toEqual({ port: 3333, host: '0.0.0.0' });
    expect(config.logLevel).toBe('warn');
    expect(config.limits.maxBatch).toBe(10);
    expect(sources.get('listen.port')).toBe('flag --port');
    expect(sources.get('logLevel')).toBe('env LOG_LEVEL');
    expect(sources.get('listen.host')).toBe(`file ${path}`);
    expect(sources.get('limits.defaultPageSize')).toBe('default');
  });

  test('INTENTCAST_CONFIG names the file when no flag does', async () => {
    const path = file('json', JSON.stringify({ listen: { port: 4444 } }));
    const { config, file: read } = await loadConfig({ env: { INTENTCAST_CONFIG: path }, cwd: dir });
    expect(config.listen.port).toBe(4444);
    expect(read).toBe(path);
  });

  test('an empty environment variable counts as unset', async () => {
    const { config } = await loadConfig({ env: { PORT: '' }, cwd: dir });
    expect(config.listen.port).toBe(8787);
  });

  test('dataDir is relative to the file it is written in, and to the cwd elsewhere', async () => {
    const path = file('yaml', 'dataDir: ./relay-data\n');
    expect((await loadConfig({ file: path, env: {}, cwd: '/' })).config.dataDir).toBe(
      join(dir, 'relay-data'),
    );
    const fromEnv = await loadConfig({ env: { INTENTCAST_DATA: 'x' }, cwd: dir });
    expect(fromEnv.config.dataDir).toBe(join(dir, 'x'));
  });

  test('lists come from comma-separated variables, repeated flags or YAML sequences', async () => {
    const fromEnv = await loadConfig({ env: { INTENTCAST_ALLOW_KEYS: ` ${A} , ${B},` }, cwd: dir });
    expect(fromEnv.config.keys.allow).toEqual([A, B]);
    const fromFlags = await loadConfig({ env: {}, cwd: dir, flags: { 'keys.deny': [A, B, A] } });
    expect(fromFlags.config.keys.deny).toEqual([A, B]);
    const path = file('yaml', `cors:\n  origins:\n    - https://app.example\n    - http://localhost:3000\n`);
    const fromFile = await loadConfig({ file: path, env: {}, cwd: dir });
    expect(fromFile.config.cors.origins).toEqual(['https://app.example', 'http://localhost:3000']);
  });

  test('durations and sizes may carry units', async () => {
    const path = file(
      'yaml',
      'limits:\n  bodyLimit: 2MiB\n  tokenTtlMs: 30m\n  stream:\n    heartbeatMs: 10s\nretention:\n  intervalMs: 2h\n',
    );
    const { config } = await loadConfig({ file: path, env: { INTENTCAST_BODY_LIMIT: '' }, cwd: dir });
    expect(config.limits.bodyLimit).toBe(2 * 1024 * 1024);
    expect(config.limits.tokenTtlMs).toBe(30 * 60_000);
    expect(config.limits.stream.heartbeatMs).toBe(10_000);
    expect(config.retention.intervalMs).toBe(2 * 3_600_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('5 weeks')).toBeUndefined();
    expect(parseSize('64KiB')).toBe(65_536);
    expect(parseSize('64KB')).toBeUndefined();
  });

  test('trustProxy: booleans, addresses, CIDRs and named ranges', async () => {
    const load = async (value: string) =>
      (await loadConfig({ env: { INTENTCAST_TRUST_PROXY: value }, cwd: dir })).config.trustProxy;
    expect(await load('true')).toBe(true);
    expect(await load('false')).toBe(false);
    expect(await load('10.0.0.1, 192.168.0.0/16,::1,fd00::/8,loopback')).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    // A bare flag means true.
    const flag = await loadConfig({ env: {}, cwd: dir, flags: { trustProxy: true } });
    expect(flag.config.trustProxy).toBe(true);
  });
});

describe('errors name the key, the source and what is wrong', () => {
  test.each([
    {
      description: 'a port out of range, from the environment',
      sources: { env: { PORT: '70000' } },
      expected: {
        key: 'listen.port',
        source: 'env PORT',
        message: 'expected an integer from 0 to 65535, got "70000"',
      },
    },
    {
      description: 'a number written as a string in a file',
      sources: { file: 'yaml:listen:\n  port: "8080"\n' },
      expected: { key: 'listen.port', message: 'expected an integer from 0 to 65535, got the string "8080"' },
    },
    {
      description: 'an unknown log level, from a flag',
      sources: { flags: { logLevel: 'loud' } },
      expected: {
        key: 'logLevel',
        source: 'flag --log-level',
        message: 'expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      },
    },
    {
      description: 'a key that is not a did:key',
      sources: { env: { INTENTCAST_DENY_KEYS: 'did:key:nope' } },
      expected: { key: 'keys.deny', message: 'item 0 "did:key:nope": expected an Ed25519 did:key' },
    },
    {
      description: 'an origin with a path',
      sources: { env: { INTENTCAST_CORS_ORIGINS: 'https://app.example/' } },
      expected: {
        key: 'cors.origins',
        message:
          'item 0 "https://app.example/": expected an origin without path or slash: https://app.example',
      },
    },
    {
      description: 'a category that is not one',
      sources: { flags: { 'categories.allow': ['Lodging!'] } },
      expected: {
        key: 'categories.allow',
        message:
          'item 0 "Lodging!": expected a dotted category name (lodging.hotel) or an https:// or urn: URI',
      },
    },
    {
      description: 'a proxy that is no address',
      sources: { file: 'yaml:trustProxy: [10.0.0.0/33]\n' },
      expected: {
        key: 'trustProxy',
        message: expect.stringContaining('"10.0.0.0/33" is not an IP address or CIDR'),
      },
    },
    {
      description: 'a duration with an unknown unit',
      sources: { file: 'yaml:retention:\n  intervalMs: 1 fortnight\n' },
      expected: {
        key: 'retention.intervalMs',
        message: expect.stringContaining(
          '(milliseconds, or a duration like 90s, 15m, 1h, 2d), got "1 fortnight"',
        ),
      },
    },
    {
      description: 'a boolean written as a string in a file',
      sources: { file: 'json:{"docs": {"enabled": "no"}}' },
      expected: { key: 'docs.enabled', message: 'expected true or false, got "no"' },
    },
    {
      description: 'a metrics token too short to be secret',
      sources: { env: { INTENTCAST_METRICS_TOKEN: 'short' } },
      expected: {
        key: 'metrics.token',
        message: 'expected 16 to 256 printable ASCII characters without spaces, got "short"',
      },
    },
  ])('$description', async ({ sources, expected }) => {
    const given = { ...sources } as Parameters<typeof loadConfig>[0] & { file?: string };
    if (given?.file) {
      const [ext, ...rest] = given.file.split(':');
      given.file = file(ext!, rest.join(':'));
    }
    const issues = await issuesOf(given);
    expect(issues).toEqual([expect.objectContaining(expected)]);
  });

  test('an unknown key is refused, with the key it was probably meant to be', async () => {
    const path = file('yaml', 'limits:\n  maxBach: 10\nlisten:\n  prot: 1\nwebhook:\n  enabled: false\n');
    const issues = await issuesOf({ file: path });
    expect(issues.map((i) => [i.key, i.message])).toEqual([
      ['limits.maxBach', 'is not a configuration key; did you mean limits.maxBatch?'],
      ['listen.prot', 'is not a configuration key; did you mean listen.port?'],
      ['webhook', 'is not a configuration key; did you mean webhooks?'],
    ]);
  });

  test('every problem is reported at once, not only the first', async () => {
    const issues = await issuesOf({ env: { PORT: 'x', LOG_LEVEL: 'y', INTENTCAST_MAX_BATCH: '0' } });
    expect(issues.map((i) => i.key).sort()).toEqual(['limits.maxBatch', 'listen.port', 'logLevel']);
  });

  test('a group that is not a mapping, and a file that is not one', async () => {
    expect(await issuesOf({ file: file('yaml', 'limits: 5\n') })).toEqual([
      expect.objectContaining({ key: 'limits', message: 'expected a mapping of keys' }),
    ]);
    expect(await issuesOf({ file: file('yaml', '- a\n- b\n') })).toEqual([
      expect.objectContaining({ key: '(top level)', message: 'expected a mapping of keys' }),
    ]);
  });

  test('files that cannot be read or parsed', async () => {
    const [missing] = await issuesOf({ file: join(dir, 'absent.yaml') });
    expect(missing).toMatchObject({ key: 'config', message: 'cannot be read (ENOENT)' });
    const [ext] = await issuesOf({ file: file('toml', 'a = 1') });
    expect(ext).toMatchObject({ key: 'config', message: 'expected a .json, .yaml or .yml file' });
    const [json] = await issuesOf({ file: file('json', '{"listen": ') });
    expect(json!.message).toMatch(/^is not valid JSON: /);
    const [yaml] = await issuesOf({ file: file('yaml', 'listen:\n  port: 1\n  port: 2\n') });
    expect(yaml!.message).toMatch(/^is not valid YAML: .*[Uu]nique/);
  });

  test('values that contradict each other', async () => {
    const issues = await issuesOf({
      file: file(
        'yaml',
        `limits:\n  defaultPageSize: 300\n  maxPageSize: 100\nkeys:\n  allow: [${A}]\n  deny: [${A}]\ncors:\n  origins: ['*', 'https://a.example']\n`,
      ),
    });
    expect(issues.map((i) => [i.key, i.message])).toEqual([
      ['limits.defaultPageSize', 'must not exceed limits.maxPageSize (100)'],
      ['keys.deny', `${A} is also in keys.allow`],
      ['cors.origins', '"*" must be the only origin'],
    ]);
  });

  test('the error message lists each issue on its own line', () => {
    const err = new ConfigError([
      { key: 'a', source: 'env A', message: 'is wrong' },
      { key: 'b', source: 'default', message: 'too' },
    ]);
    expect(err.message).toBe('a (env A): is wrong\nb (default): too');
  });
});

describe('printing', () => {
  test('secrets are masked, and the printed YAML, given the secrets again, loads back the same configuration', async () => {
    const token = 'a-very-secret-metrics-token';
    const { config, sources } = await loadConfig({
      env: { INTENTCAST_METRICS_TOKEN: token, PORT: '9000' },
      cwd: dir,
    });
    expect(maskSecrets(config).metrics.token).toBe(MASK);
    expect(config.metrics.token).toBe(token);
    const yaml = renderConfigYaml(config, sources);
    expect(yaml).not.toContain(token);
    expect(yaml).toContain('port: 9000 # env PORT');
    expect(yaml).toContain(`# token: ${MASK} (env INTENTCAST_METRICS_TOKEN)`);
    const reloaded = await loadConfig({
      file: file('yaml', yaml),
      env: { INTENTCAST_METRICS_TOKEN: token },
      cwd: dir,
    });
    expect(reloaded.config).toEqual(config);
  });
});

describe('examples and reference', () => {
  const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

  test.each([
    'examples/relay-operator/public-relay.yaml',
    'examples/relay-operator/private-vendor-relay.yaml',
  ])('%s is a valid configuration', async (path) => {
    const { sources } = await loadConfig({ file: root(path), env: {}, cwd: dir });
    // Every value the file writes is a key the relay takes from it.
    const written = YAML.parse(readFileSync(root(path), 'utf8')) as Record<string, unknown>;
    const leaves = CONFIG_KEYS.filter((key) => {
      const value = key.path
        .split('.')
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], written);
      return value !== undefined && value !== null;
    });
    expect(leaves.length).toBeGreaterThan(10);
    for (const key of leaves) expect(sources.get(key.path), key.path).toMatch(/^file /);
  });

  test('the public example trusts only the local proxy and the private one admits only its keys', async () => {
    const pub = (await loadConfig({ file: root('examples/relay-operator/public-relay.yaml'), env: {} }))
      .config;
    expect(pub.trustProxy).toEqual(['loopback']);
    expect(pub.keys.allow).toEqual([]);
    expect(pub.webhooks.allowPrivateTargets).toBe(false);
    const priv = (
      await loadConfig({ file: root('examples/relay-operator/private-vendor-relay.yaml'), env: {} })
    ).config;
    expect(priv.keys.allow).toHaveLength(4);
    expect(priv.categories.allow).toEqual(['electronics', 'services.repair']);
    expect(priv.dataDir).toBe(root('examples/relay-operator/data'));
  });

  test('the README documents every key, with its environment variable and flag', () => {
    const readme = readFileSync(root('packages/relay/README.md'), 'utf8');
    for (const key of CONFIG_KEYS) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${key.path}\` `));
      expect(row, key.path).toBeDefined();
      if (key.env) expect(row, key.path).toContain(`\`${key.env}\``);
      if (key.flag) expect(row, key.path).toContain(`\`${key.flag.split(' ')[0]}\``);
    }
  });
});
