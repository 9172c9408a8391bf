import YAML from 'yaml';
import { CONFIG_KEYS } from './keys.js';
import type { RelayConfig } from './types.js';

export const MASK = '********';

/**
 * A copy of the configuration with every secret key (keys.ts `secret`) that is set replaced by a mask, so
 * it can be printed or logged.
 *
 * @example
 * maskSecrets(config).metrics.token; // '********' when a token is set
 */
export function maskSecrets(config: RelayConfig): RelayConfig {
  const copy = structuredClone(config) as unknown as Record<string, unknown>;
  for (const key of CONFIG_KEYS) {
    if (!key.secret) continue;
    const parts = key.path.split('.');
    let node: Record<string, unknown> | undefined = copy;
    for (const part of parts.slice(0, -1)) node = node?.[part] as Record<string, unknown> | undefined;
    const last = parts[parts.length - 1]!;
    if (node !== undefined && node[last] !== undefined) node[last] = MASK;
  }
  return copy as unknown as RelayConfig;
}

/**
 * The effective configuration as YAML, each value that is not a default followed by a comment saying
 * where it came from. Secrets that are set appear only as masked comments, so the output is itself a
 * valid configuration file, to which the environment supplies the secrets again.
 */
export function renderConfigYaml(config: RelayConfig, sources: ReadonlyMap<string, string>): string {
  const doc = new YAML.Document(config);
  for (const [path, source] of sources) {
    const node = doc.getIn(path.split('.'), true);
    // Lists are written on one line, so the comment follows the value instead of its last item.
    if (YAML.isSeq(node)) node.flow = true;
    // The header names the file; each line need not repeat it.
    if (YAML.isNode(node) && source !== 'default')
      node.comment = source.startsWith('file ') ? ' file' : ` ${source}`;
  }
  for (const key of CONFIG_KEYS) {
    const parts = key.path.split('.');
    if (!key.secret || doc.getIn(parts) === undefined) continue;
    doc.deleteIn(parts);
    const parent = doc.getIn(parts.slice(0, -1), true);
    const note = ` ${parts[parts.length - 1]}: ${MASK} (${sources.get(key.path) ?? 'default'})`;
    if (YAML.isMap(parent)) parent.comment = parent.comment ? `${parent.comment}\n${note}` : note;
  }
  return doc.toString({ lineWidth: 0 });
}
