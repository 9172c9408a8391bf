import { REASON_CODES } from '@intentcast/core';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type CastOptions, cast } from './commands/cast.js';
import { type ConfirmOptions, confirm } from './commands/confirm.js';
import { keysExport, keysImport, keysList } from './commands/keys.js';
import { type OfferOptions, offer } from './commands/offer.js';
import { relay } from './commands/relay.js';
import { DECISIONS, type Decision, type ReplyCommandOptions, reply } from './commands/reply.js';
import { type ReviseOptions, revise } from './commands/revise.js';
import { type ThreadOptions, thread } from './commands/thread.js';
import { type WatchOptions, watch } from './commands/watch.js';
import { type WithdrawOptions, withdraw } from './commands/withdraw.js';
import type { Context } from './context.js';
import { networkOptions } from './session.js';

/** Parses a whole number of at least `min`. */
function integer(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`expected a whole number of at least ${min}.`);
    }
    return n;
  };
}

const DURATION_RE = /^(\d+)([smhd]?)$/;
const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** Parses a duration in seconds: `90`, `90s`, `15m`, `2h`, `7d`. */
export function parseDuration(value: string): number {
  const match = DURATION_RE.exec(value);
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2]!]! : 0;
  if (!match || seconds <= 0) {
    throw new InvalidArgumentError('expected a duration such as 90 (seconds), 15m, 2h or 7d.');
  }
  return seconds;
}

function withNetwork(command: Command): Command {
  for (const option of networkOptions()) command.addOption(option);
  return command.option('--json', 'print one line of JSON instead of text');
}

/**
 * Adds the commands that talk to relays (cast, watch, offer, reply, withdraw, thread), `keys` and `relay`.
 * `done` is given each command's exit status.
 */
export function addNetworkCommands(program: Command, context: Context, done: (status: number) => void): void {
  program
    .command('relay')
    .description('run a relay: intentcast-relay serve with these options (see intentcast relay --help)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[options...]', 'options of intentcast-relay serve')
    .action(async (args: string[]) => done(await relay(args, context)));

  withNetwork(
    program
      .command('cast')
      .description('sign an intent with a fresh key (kept in the keystore) and publish it to the relays')
      .option('--file <file>', 'the intent body as JSON (what, where, when, budget, terms, offerCap), or -')
      .option('--category <name>', 'what is wanted, a dotted category such as lodging.hotel')
      .option('--description <text>', 'what is wanted, in words')
      .option('--quantity <n>', 'how many (default 1)', integer(1))
      .option('--region <code>', 'where: an ISO 3166 code such as PT or PT-11')
      .option('--budget-max <amount>', 'the most to pay, a decimal such as 180.00 (needs --currency)')
      .option('--budget-min <amount>', 'the least to pay')
      .option('--currency <code>', 'the budget currency, ISO 4217 such as EUR')
      .option('--terms-uri <uri>', "the buyer's personal terms")
      .option('--terms-sha256 <hex>', 'the SHA-256 of the terms document, 64 hex digits')
      .option('--offer-cap <n>', 'how many vendors may offer (default 5)', integer(1))
      .option(
        '--expires-in <duration>',
        'how long the intent lives: 90, 15m, 2h, 7d (default 7d)',
        parseDuration,
      ),
  ).action(async (options: CastOptions) => done(await cast(options, context)));

  withNetwork(
    program
      .command('watch')
      .description('stream the unexpired intents that match the filter, until Ctrl-C, --limit or --timeout')
      .option('--category <names>', 'categories, comma-separated; a name matches those below it')
      .option('--region <codes>', 'ISO 3166 codes, comma-separated; a country matches its subdivisions')
      .option('--near <lat,lon,km>', 'intents whose area overlaps this circle')
      .option('--currency <code>', 'the budget currency (needed by --budget-min and --budget-max)')
      .option('--budget-min <amount>', 'budgets that reach at least this')
      .option('--budget-max <amount>', 'budgets that start at most at this')
      .option('--q <words>', 'words that must all be in the description')
      .option('--limit <n>', 'stop after this many intents', integer(1))
      .option('--timeout <seconds>', 'stop after this long', parseDuration),
  ).action(async (options: WatchOptions) => done(await watch(options, context)));

  withNetwork(
    program
      .command('offer')
      .description("offer on an intent as the keystore's vendor identity (identity.default)")
      .argument('<intent-id>', 'the intent')
      .requiredOption('--price <amount>', 'the price, a decimal such as 139.00')
      .requiredOption('--currency <code>', 'ISO 4217 currency code')
      .requiredOption('--description <text>', 'what is offered')
      .option('--quantity <n>', "how many (default: the intent's quantity)", integer(1))
      .option('--seal-price', 'seal the price so that only the buyer can read it')
      .option('--terms-uri <uri>', "accept the intent's terms with this URI (default: its first terms)")
      .option('--name <name>', 'the vendor name in the offer (default: INTENTCAST_VENDOR_NAME, else Vendor)')
      .option('--expires-in <duration>', 'how long the offer is firm (default 24h)', parseDuration),
  ).action(async (intentId: string, options: OfferOptions) => done(await offer(intentId, options, context)));

  withNetwork(
    program
      .command('reply')
      .description("answer an offer on one of your intents, signed with the intent's key")
      .argument('<offer-id>', 'the offer')
      .addArgument(
        program.createArgument('<decision>', 'what to answer').choices(DECISIONS as unknown as string[]),
      )
      .option('--price <amount>', 'counter: the price asked')
      .option('--currency <code>', 'counter: its currency')
      .addOption(new Option('--reason <code>', 'decline: why').choices(REASON_CODES as unknown as string[]))
      .option('--text <text>', 'a message for the vendor (question: the question)')
      .option('--intent <intent-id>', 'the intent the offer is on (default: tried with every intent key)'),
  ).action(async (offerId: string, decision: Decision, options: ReplyCommandOptions) =>
    done(await reply(offerId, decision, options, context)),
  );

  withNetwork(
    program
      .command('revise')
      .description("answer a buyer's counter or question with a revised offer, as the vendor identity")
      .argument('<reply-id>', 'the counter or question')
      .option('--price <amount>', 'the new price (with --currency); the same price when left out')
      .option('--currency <code>', 'its currency')
      .option('--description <text>', 'a new description')
      .option('--seal-price', 'seal the price so that only the buyer can read it'),
  ).action(async (replyId: string, options: ReviseOptions) => done(await revise(replyId, options, context)));

  withNetwork(
    program
      .command('confirm')
      .description("confirm a buyer's accept, closing the deal, as the vendor identity")
      .argument('<reply-id>', 'the accept')
      .option('--reference <text>', 'your reference for the deal (a booking number, say)')
      .option('--text <text>', 'a message for the buyer'),
  ).action(async (replyId: string, options: ConfirmOptions) =>
    done(await confirm(replyId, options, context)),
  );

  withNetwork(
    program
      .command('withdraw')
      .description('withdraw an intent you cast, or an offer your vendor identity made')
      .argument('<id>', 'the intent or offer')
      .addOption(new Option('--reason <code>', 'why').choices(REASON_CODES as unknown as string[]))
      .option('--text <text>', 'a message'),
  ).action(async (id: string, options: WithdrawOptions) => done(await withdraw(id, options, context)));

  withNetwork(
    program
      .command('thread')
      .description('print the thread of an intent, its state and the status of each negotiation')
      .argument('<intent-id>', 'the intent'),
  ).action(async (intentId: string, options: ThreadOptions) =>
    done(await thread(intentId, options, context)),
  );

  const keys = program.command('keys').description('the keystore: list, export and import keys');
  const keysDir = () =>
    new Option('--keys <dir>', 'the keystore directory (default: INTENTCAST_KEYS, else ~/.intentcast/keys)');
  keys
    .command('list')
    .description('the names of the keystore records and their did:keys (never a private part)')
    .addOption(keysDir())
    .option('--json', 'print one line of JSON')
    .action(async (options: { keys?: string; json?: boolean }) => done(await keysList(options, context)));
  keys
    .command('export')
    .description('print the public JWK of a record (intent.<id> or identity.<name>)')
    .argument('<name>', 'the record name, as keys list shows it')
    .addOption(keysDir())
    .option('--private', 'print the private JWK instead (a warning goes to stderr)')
    .action(async (name: string, options: { keys?: string; private?: boolean }) =>
      done(await keysExport(name, options, context)),
    );
  keys
    .command('import')
    .description('store a private Ed25519 JWK (as keygen writes) as a vendor identity')
    .argument('<file>', 'the JWK file, or -')
    .addOption(keysDir())
    .option('--name <name>', 'the record name (default identity.default)')
    .option('--json', 'print one line of JSON')
    .action(async (file: string, options: { keys?: string; name?: string; json?: boolean }) =>
      done(await keysImport(file, options, context)),
    );
}
