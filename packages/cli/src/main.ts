import { createNodeBackend } from '@intentcast/core/node';
import { Command, Option } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { id } from './commands/id.js';
import { keygen } from './commands/keygen.js';
import { sign } from './commands/sign.js';
import { parseNow, verify } from './commands/verify.js';
import type { Context } from './context.js';
import { type Io, processIo } from './io.js';
import { addNetworkCommands } from './network.js';
import { EXIT, reportError } from './report.js';

/**
 * Runs the intentcast command with the given arguments (without the node and script paths) and returns
 * the exit status. Nothing is written to the process or read from it except through `io`, and nothing
 * calls process.exit, so the command can run in-process.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const context: Context = { io, backend: createNodeBackend() };
  let status: number = EXIT.ok;
  const program = new Command('intentcast')
    .description(
      'Make keys; sign, verify and identify Intentcast messages; cast, watch, offer and reply through relays.',
    )
    .version(pkg.version)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      '\nExit status: 0 success, 1 the input failed a protocol check or a relay refused or failed, 2 usage or file error, 3 internal error.',
    );

  program
    .command('keygen')
    .description('make an Ed25519 key as a private JWK and print its did:key')
    .option(
      '-o, --out <file>',
      'write the JWK to a new file of mode 600 and the did:key to stdout\n' +
        '(without it: the JWK to stdout, the did:key to stderr)',
    )
    .option('-f, --force', 'replace the --out file if it exists')
    .action(async (options: { out?: string; force?: boolean }) => {
      status = await keygen(options, context);
    });

  program
    .command('sign')
    .description('fill in author and nonce, compute id and sig, and print the signed message')
    .argument('<file>', 'the unsigned message, or - for stdin')
    .requiredOption('-k, --key <keyfile>', 'the private JWK to sign with')
    .action(async (file: string, options: { key: string }) => {
      status = await sign(file, options, context);
    });

  program
    .command('verify')
    .description('check a signed message completely; exit 0 when it is valid, 1 when it is not')
    .argument('<file>', 'the signed message, or - for stdin')
    .addOption(
      new Option('--now <time>', 'check expiry at this RFC 3339 time instead of the clock')
        .argParser(parseNow)
        .conflicts('time'),
    )
    .option('--no-time', 'skip the expiry and clock-skew checks (for archived messages)')
    .option('--json', 'print {"ok":true,"id"} or {"ok":false,"code","message","path"} on stdout')
    .action(async (file: string, options: { now?: number; time?: boolean; json?: boolean }) => {
      status = await verify(file, options, context);
    });

  program
    .command('id')
    .description('print the id of a message (its canonical hash); it need not be valid, only strict JSON')
    .argument('<file>', 'the message, or - for stdin')
    .action(async (file: string) => {
      status = await id(file, context);
    });

  addNetworkCommands(program, context, (code) => {
    status = code;
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (err) {
    return reportError(err, io);
  }
}
