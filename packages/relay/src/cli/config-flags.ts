import { type Command, Option } from 'commander';
import { CONFIG_KEYS } from '../config/keys.js';

/**
 * The command line flags of the configuration keys (keys.ts `flag`). Flags are taken as text and checked
 * by the configuration loader, like environment variables, so a bad value gets the same message, naming
 * the flag, whichever way it was given. List keys take their flag once per item.
 */

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Adds `--config` and every key's flag to a command. Returns attribute name to key path. */
export function addConfigOptions(command: Command): Map<string, string> {
  const paths = new Map<string, string>();
  command.addOption(
    new Option('--config <file>', 'configuration file, JSON or YAML (also INTENTCAST_CONFIG)'),
  );
  for (const key of CONFIG_KEYS) {
    if (key.flag === undefined) continue;
    const description = key.env ? `${key.description} (env ${key.env})` : key.description;
    const option = new Option(key.flag, description);
    if (key.kind.type === 'list') option.argParser(collect);
    command.addOption(option);
    paths.set(option.attributeName(), key.path);
  }
  return paths;
}

/** The flags given, by key path, for `loadConfig`. */
export function flagValues(
  options: Record<string, unknown>,
  paths: ReadonlyMap<string, string>,
): Record<string, unknown> {
  const flags: Record<string, unknown> = {};
  for (const [attribute, path] of paths) {
    if (options[attribute] !== undefined) flags[path] = options[attribute];
  }
  return flags;
}
