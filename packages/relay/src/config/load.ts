import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import YAML from 'yaml';
import { checkValue, closest } from './check.js';
import { CONFIG_GROUPS, CONFIG_KEYS, type ConfigKey, KEYS_BY_PATH } from './keys.js';
import type { RelayConfig } from './types.js';

/** Where the configuration comes from. Later sources win: flags over environment over file over defaults. */
export interface ConfigSources {
  /** A JSON (`.json`) or YAML (`.yaml`, `.yml`) file. When absent, `INTENTCAST_CONFIG` names one, if set. */
  file?: string;
  /** The environment; `process.env` unless given. Empty variables count as unset. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Flag values by key path (`listen.port`), as given on the command line: text, lists of text, or true. */
  flags?: Readonly<Record<string, unknown>>;
  /** The directory relative paths of the environment and flags are resolved against; the cwd unless given. */
  cwd?: string;
}

/** One thing wrong with the configuration: the key, where its value came from, and what is wrong. */
export interface ConfigIssue {
  key: string;
  source: string;
  message: string;
}

/** The configuration cannot be used. `issues` lists every problem found, not just the first. */
export class ConfigError extends Error {
  override name = 'ConfigError' as const;
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(issues.map((i) => `${i.key} (${i.source}): ${i.message}`).join('\n'));
    this.issues = issues;
  }
}

export interface LoadedConfig {
  config: RelayConfig;
  /** Where each key's value came from: `default`, `file <path>`, `env <NAME>`, `flag <--name>`. */
  sources: ReadonlyMap<string, string>;
  /** The file read, if any. */
  file: string | undefined;
}

interface Layer {
  source: (key: ConfigKey) => string;
  text: boolean;
  values: Map<string, unknown>;
  /** Relative paths in this layer are resolved against this directory. */
  base: string;
}

async function readConfigFile(path: string, issues: ConfigIssue[]): Promise<unknown> {
  const source = `file ${path}`;
  const ext = extname(path).toLowerCase();
  if (ext !== '.json' && ext !== '.yaml' && ext !== '.yml') {
    issues.push({ key: 'config', source, message: 'expected a .json, .yaml or .yml file' });
    return undefined;
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    issues.push({ key: 'config', source, message: `cannot be read (${code ?? String(err)})` });
    return undefined;
  }
  try {
    if (ext === '.json') return JSON.parse(text) as unknown;
    return YAML.parse(text, { uniqueKeys: true, prettyErrors: true }) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    issues.push({
      key: 'config',
      source,
      message: `is not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${message}`,
    });
    return undefined;
  }
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Flattens a file's object into key paths, reporting unknown keys and groups that are not mappings. */
function flatten(
  value: unknown,
  prefix: string,
  out: Map<string, unknown>,
  issues: ConfigIssue[],
  source: string,
): void {
  if (!isMapping(value)) {
    issues.push({ key: prefix || '(top level)', source, message: 'expected a mapping of keys' });
    return;
  }
  for (const [name, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (child === null) continue;
    if (KEYS_BY_PATH.has(path)) out.set(path, child);
    else if (CONFIG_GROUPS.has(path)) flatten(child, path, out, issues, source);
    else {
      const siblings = [...KEYS_BY_PATH.keys(), ...CONFIG_GROUPS].filter(
        (known) =>
          known.startsWith(prefix ? `${prefix}.` : '') && !known.slice(prefix.length + 1).includes('.'),
      );
      const guess = closest(path, siblings);
      issues.push({
        key: path,
        source,
        message: `is not a configuration key${guess ? `; did you mean ${guess}?` : ''}`,
      });
    }
  }
}

/** Sets `path` in `target`, making the groups on the way; `value` undefined only makes the groups. */
function setPath(target: Record<string, unknown>, path: string, value?: unknown): void {
  let node = target;
  const parts = path.split('.');
  for (const part of value === undefined ? parts : parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  if (value !== undefined) node[parts[parts.length - 1]!] = value;
}

function crossChecks(config: RelayConfig, sources: ReadonlyMap<string, string>, issues: ConfigIssue[]): void {
  const at = (key: string) => sources.get(key) ?? 'default';
  if (config.limits.defaultPageSize > config.limits.maxPageSize) {
    issues.push({
      key: 'limits.defaultPageSize',
      source: at('limits.defaultPageSize'),
      message: `must not exceed limits.maxPageSize (${config.limits.maxPageSize})`,
    });
  }
  const allowed = new Set(config.keys.allow);
  const both = config.keys.deny.find((key) => allowed.has(key));
  if (both !== undefined) {
    issues.push({ key: 'keys.deny', source: at('keys.deny'), message: `${both} is also in keys.allow` });
  }
  if (config.cors.origins.includes('*') && config.cors.origins.length > 1) {
    issues.push({ key: 'cors.origins', source: at('cors.origins'), message: '"*" must be the only origin' });
  }
}

/**
 * Loads the relay configuration: defaults, then the file, then the environment, then flags, each value
 * checked against keys.ts. Throws a ConfigError listing every problem, each with its key and source.
 *
 * @example
 * const { config } = await loadConfig({ file: 'relay.yaml', flags: { 'listen.port': '9000' } });
 */
export async function loadConfig(sources: ConfigSources = {}): Promise<LoadedConfig> {
  const env = sources.env ?? process.env;
  const cwd = sources.cwd ?? process.cwd();
  const issues: ConfigIssue[] = [];
  const layers: Layer[] = [
    {
      source: () => 'default',
      text: false,
      values: new Map(CONFIG_KEYS.filter((k) => k.default !== undefined).map((k) => [k.path, k.default])),
      base: cwd,
    },
  ];

  const fileName = sources.file ?? (env.INTENTCAST_CONFIG || undefined);
  const file = fileName === undefined ? undefined : resolve(cwd, fileName);
  if (file !== undefined) {
    const raw = await readConfigFile(file, issues);
    const values = new Map<string, unknown>();
    // An empty YAML file is an empty configuration.
    if (raw !== undefined && raw !== null) flatten(raw, '', values, issues, `file ${file}`);
    layers.push({ source: () => `file ${file}`, text: false, values, base: dirname(file) });
  }

  const fromEnv = new Map<string, unknown>();
  for (const key of CONFIG_KEYS) {
    const value = key.env === undefined ? undefined : env[key.env];
    if (value !== undefined && value !== '') fromEnv.set(key.path, value);
  }
  layers.push({ source: (k) => `env ${k.env}`, text: true, values: fromEnv, base: cwd });

  const fromFlags = new Map<string, unknown>();
  for (const [path, value] of Object.entries(sources.flags ?? {})) {
    if (!KEYS_BY_PATH.has(path))
      throw new TypeError(`loadConfig: flags: "${path}" is not a configuration key`);
    if (value !== undefined) fromFlags.set(path, value);
  }
  layers.push({
    source: (k) => `flag ${k.flag?.split(' ')[0] ?? k.path}`,
    text: true,
    values: fromFlags,
    base: cwd,
  });

  const effective = new Map<string, unknown>();
  const origin = new Map<string, string>();
  for (const layer of layers) {
    for (const [path, raw] of layer.values) {
      const key = KEYS_BY_PATH.get(path)!;
      const source = layer.source(key);
      // A flag given without a value (`--trust-proxy`) means true.
      const checked = checkValue(key, raw === true && layer.text ? 'true' : raw, layer.text);
      if (!checked.ok) {
        issues.push({ key: path, source, message: checked.message });
        continue;
      }
      effective.set(path, path === 'dataDir' ? resolve(layer.base, checked.value as string) : checked.value);
      origin.set(path, source);
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);

  // Built in the order of keys.ts, so that printed configurations read like the reference.
  const nested: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const group = key.path.split('.').slice(0, -1).join('.');
    if (group !== '') setPath(nested, group);
    if (effective.has(key.path)) setPath(nested, key.path, effective.get(key.path));
  }
  const config = nested as unknown as RelayConfig;
  crossChecks(config, origin, issues);
  if (issues.length > 0) throw new ConfigError(issues);
  return { config, sources: origin, file };
}
