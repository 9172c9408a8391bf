import type { IntentInput } from '@intentcast/client';
import type { Context } from '../context.js';
import { readJsonObject, UsageError } from '../io.js';
import { painter, relayStatusJson, writeJson, writeRelayStatus } from '../output.js';
import { EXIT } from '../report.js';
import { type SessionOptions, withSession } from '../session.js';

export interface CastOptions extends SessionOptions {
  file?: string;
  category?: string;
  description?: string;
  quantity?: number;
  region?: string;
  budgetMax?: string;
  budgetMin?: string;
  currency?: string;
  termsUri?: string;
  termsSha256?: string;
  offerCap?: number;
  /** Seconds. */
  expiresIn?: number;
  json?: boolean;
}

const FLAG_FIELDS = [
  'category',
  'description',
  'quantity',
  'region',
  'budgetMax',
  'budgetMin',
  'currency',
  'termsUri',
  'termsSha256',
  'offerCap',
] as const;

/** The intent body from the flags; the schema is checked when the intent is signed. */
export function intentFromFlags(options: CastOptions): IntentInput {
  const missing = [
    ['category', '--category <name>'],
    ['description', '--description <text>'],
    ['termsUri', '--terms-uri <uri>'],
    ['termsSha256', '--terms-sha256 <hex>'],
  ].filter(([key]) => options[key as keyof CastOptions] === undefined);
  if (missing.length > 0) {
    throw new UsageError(
      `required option${missing.length > 1 ? 's' : ''} ${missing.map(([, flag]) => `'${flag}'`).join(', ')} not specified (or give --file)`,
    );
  }
  const hasBudget = options.budgetMax !== undefined || options.budgetMin !== undefined;
  if (hasBudget && (options.currency === undefined || options.budgetMax === undefined)) {
    throw new UsageError('a budget needs --budget-max and --currency (--budget-min is optional)');
  }
  return {
    what: { category: options.category!, description: options.description!, quantity: options.quantity ?? 1 },
    ...(options.region === undefined ? {} : { where: { region: options.region } }),
    ...(hasBudget
      ? {
          budget: {
            currency: options.currency!,
            max: options.budgetMax!,
            ...(options.budgetMin === undefined ? {} : { min: options.budgetMin }),
          },
        }
      : {}),
    terms: [{ uri: options.termsUri!, sha256: options.termsSha256! }],
    ...(options.offerCap === undefined ? {} : { offerCap: options.offerCap }),
  };
}

/**
 * `intentcast cast`: signs an intent with a fresh key (kept in the keystore) and publishes it to every
 * relay; prints its id and one status line per relay.
 *
 * @example
 * await cast({ category: 'lodging.hotel', description: 'A room', termsUri, termsSha256 }, context);
 */
export async function cast(options: CastOptions, { io, backend }: Context): Promise<number> {
  let input: IntentInput;
  if (options.file !== undefined) {
    const given = FLAG_FIELDS.filter((field) => options[field] !== undefined);
    if (given.length > 0) throw new UsageError('--file cannot be combined with the intent flags');
    input = (await readJsonObject(options.file, io)) as unknown as IntentInput;
  } else {
    input = intentFromFlags(options);
  }
  return withSession(options, io, backend, async (session) => {
    const result = await session
      .buyer()
      .cast(input, options.expiresIn === undefined ? {} : { expiresIn: options.expiresIn * 1000 });
    if (options.json) {
      writeJson(io, { id: result.intent.id, intent: result.intent, ...relayStatusJson(result) });
    } else {
      io.stdout.write(`${painter(io)('bold', 'intent')} ${result.intent.id}\n`);
      writeRelayStatus(io, result);
    }
    return EXIT.ok;
  });
}
