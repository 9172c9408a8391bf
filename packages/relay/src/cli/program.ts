import { Command, CommanderError, Option } from 'commander';
import { OperatorError } from '../backup/inspect.js';
import { ConfigError, loadConfig } from '../config/load.js';
import { maskSecrets, renderConfigYaml } from '../config/render.js';
import { SOFTWARE } from '../version.js';
import { addConfigOptions, flagValues } from './config-flags.js';
import { backupCommand, migrateCommand, restoreCommand } from './operations.js';
import { type RunningServer, type ServeExtras, startServer, stopOnSignals } from './serve.js';

/** Where the program reads and writes; the process's own unless a test gives others. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Stop a served relay on SIGINT and SIGTERM. Default true. */
  signals?: boolean;
  /** Collaborators for the served relay (the live-stream hub and its routes). */
  extras?: ServeExtras;
}

/** A command's end: its exit code, or a relay left serving. */
export type CliResult = { exitCode: number } | { server: RunningServer };

/** Exit codes: 1 the command failed, 2 the configuration or the command line is wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const NAME = 'intentcast-relay';

/** The command line is incomplete in a way commander cannot see. */
class UsageError extends Error {}

/**
 * Runs the relay's command line: `serve` (the default), `backup`, `restore`, `migrate` and
 * `config check`. Never throws: failures are printed and become exit codes.
 *
 * @example
 * const result = await runCli(process.argv.slice(2), processIo);
 * if ('exitCode' in result) process.exitCode = result.exitCode;
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<CliResult> {
  let result: CliResult = { exitCode: EXIT.ok };
  const print = (lines: string[]) => {
    for (const line of lines) io.stdout(`${line}\n`);
  };
  const config = async (options: Record<string, unknown>, paths: ReadonlyMap<string, string>) =>
    loadConfig({
      ...(typeof options.config === 'string' ? { file: options.config } : {}),
      env: io.env,
      cwd: io.cwd,
      flags: flagValues(options, paths),
    });

  const program = new Command(NAME)
    .description('An Intentcast relay: validates, stores, routes and streams signed messages.')
    .version(SOFTWARE.version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      `\nWithout a command, ${NAME} serves: \`${NAME} serve --help\` lists the relay's options.`,
    );

  const serve = program
    .command('serve', { isDefault: true })
    .description('run the relay (the default command)');
  const servePaths = addConfigOptions(serve);
  serve.action(async (options: Record<string, unknown>) => {
    const loaded = await config(options, servePaths);
    const server = await startServer(loaded.config, io.extras);
    if (io.signals !== false) stopOnSignals(server);
    io.stdout(`Intentcast relay listening on ${server.url} (data: ${loaded.config.dataDir})\n`);
    result = { server };
  });

  const dataOption = () => new Option('--data <dir>', 'the data directory (default: INTENTCAST_DATA)');
  /** The data directory from `--data`, else INTENTCAST_DATA; a command cannot guess it. */
  const dataDir = (options: { data?: string }): string => {
    const data = options.data ?? (io.env.INTENTCAST_DATA || undefined);
    if (data === undefined)
      throw new UsageError("required option '--data <dir>' not specified (nor INTENTCAST_DATA)");
    return data;
  };

  program
    .command('backup')
    .description("copy a relay's store to a file, while the relay runs (SQLite online backup)")
    .addOption(dataOption())
    .requiredOption('--out <file>', 'the backup file to write')
    .option('--force', 'replace the backup file if it exists')
    .action(async (options: { data?: string; out: string; force?: boolean }) => {
      print(await backupCommand({ ...options, data: dataDir(options) }));
    });

  program
    .command('restore')
    .description('restore a store from a backup into a data directory, with the relay stopped')
    .requiredOption('--from <file>', 'the backup file')
    .addOption(dataOption())
    .option('--key <file>', "install this relay key (private JWK) as the relay's key")
    .option('--force', 'replace the store of a data directory that is not empty')
    .action(async (options: { from: string; data?: string; key?: string; force?: boolean }) => {
      print(await restoreCommand({ ...options, data: dataDir(options) }));
    });

  program
    .command('migrate')
    .description("bring a data directory's store to the current schema, then exit")
    .addOption(dataOption())
    .action(async (options: { data?: string }) => {
      print(await migrateCommand({ data: dataDir(options) }));
    });

  const check = program
    .command('config')
    .description('configuration tools')
    .command('check')
    .description('check the configuration and print it, secrets masked, with where each value came from')
    .option('--json', 'print JSON instead of YAML');
  const checkPaths = addConfigOptions(check);
  check.action(async (options: Record<string, unknown>) => {
    const loaded = await config(options, checkPaths);
    io.stdout(
      options.json
        ? `${JSON.stringify(maskSecrets(loaded.config), null, 2)}\n`
        : `# Effective configuration${loaded.file ? ` (file: ${loaded.file})` : ''}; secrets masked.\n${renderConfigYaml(loaded.config, loaded.sources)}`,
    );
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return result;
  } catch (err) {
    if (err instanceof CommanderError) {
      const done = err.code === 'commander.helpDisplayed' || err.code === 'commander.version';
      return { exitCode: done ? EXIT.ok : EXIT.usage };
    }
    if (err instanceof UsageError) {
      io.stderr(`error: ${err.message}\n`);
      return { exitCode: EXIT.usage };
    }
    if (err instanceof ConfigError) {
      io.stderr(`${NAME}: the configuration is not valid:\n`);
      for (const issue of err.issues) io.stderr(`  ${issue.key} (${issue.source}): ${issue.message}\n`);
      return { exitCode: EXIT.usage };
    }
    const message = err instanceof OperatorError || err instanceof Error ? err.message : String(err);
    io.stderr(`${NAME}: ${message}\n`);
    return { exitCode: EXIT.failed };
  }
}
