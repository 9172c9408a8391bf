// @ts-check
/**
 * A buyer that books a hotel room through Intentcast. It casts an intent, waits for offers, counters the
 * cheapest one 10% lower (sealed, so only that vendor can read it), accepts the revised offer and waits for
 * the vendor's confirm.
 *
 *   node examples/buyer/buyer.mjs [--relay URL]... [--keys DIR] [--wait SECONDS] [--offers N]
 *
 * Exit status: 0 the deal is confirmed; 1 it is not (no offers, no answer, a relay refused); 2 bad flags.
 */
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Buyer, FileKeystore } from '@intentcast/client';

/**
 * @typedef {import('@intentcast/client').IntentInput} IntentInput
 * @typedef {import('@intentcast/client').BuyerMail} BuyerMail
 * @typedef {Extract<BuyerMail, { type: 'offer' }>} ReceivedOffer
 * @typedef {{ amount: string, currency: string }} Money
 * @typedef {(label: string, text: string) => void} Log
 */

/** The buyer's personal terms, by reference (URI and SHA-256 of the document): a vendor must accept them. */
export const TERMS = {
  uri: 'https://customercommons.org/terms/nostalking',
  sha256: '5d41402abc4b2a76b9719d911017c592ae3c1b2c9e2cf4b3e4e4f3b2a1c0d9e8',
};
export const DEFAULT_RELAY = 'http://127.0.0.1:8787';
/** How much below the best offer the buyer counters. */
const DISCOUNT = 0.1;
const DAY = 86_400_000;

/** A failure the buyer expects and explains; the process exits 1 with its message and no stack trace. */
export class NoDeal extends Error {
  /** @override */
  name = 'NoDeal';
}

/**
 * The intent for a double room: check-in at 14:00 and check-out at 11:00 (UTC, to keep it short).
 *
 * @param {{ region: string, checkIn: string, nights: number, budget: string }} room
 * @returns {IntentInput}
 * @example
 * hotelIntent({ region: 'PT-11', checkIn: '2027-03-12', nights: 2, budget: '300.00' });
 */
export function hotelIntent({ region, checkIn, nights, budget }) {
  const start = Date.parse(`${checkIn}T14:00:00Z`);
  return {
    what: {
      category: 'lodging.hotel',
      description: `A quiet double room for ${nights} night${nights === 1 ? '' : 's'}`,
      attributes: { guests: 2 },
      quantity: 1,
    },
    where: { region },
    when: { start: timestamp(start), end: timestamp(start + nights * DAY - 3 * 3_600_000) },
    budget: { currency: 'EUR', max: budget },
    terms: [TERMS],
  };
}

/**
 * Casts the intent and negotiates to a confirmed deal; throws NoDeal (after withdrawing the intent) when
 * there is none. `waitMs` bounds each wait: for offers, for the revised offer, for the confirm.
 *
 * @param {{ buyer: Buyer, intent: IntentInput, waitMs: number, enough?: number, log?: Log }} options
 *   `enough`: stop waiting for offers once this many vendors have offered.
 * @example
 * const deal = await negotiate({ buyer, intent: hotelIntent(room), waitMs: 10_000 });
 */
export async function negotiate({ buyer, intent: input, waitMs, enough = Infinity, log = print }) {
  const where = input.where?.region ?? 'anywhere';
  log('want', `${input.what.description} in ${where}, ${stay(input)}, up to ${money(input.budget)}`);
  const { intent, receipts, failures } = await buyer.cast(input);
  log('cast', `intent ${intent.id} (stored by ${receipts.length} relay(s))`);
  for (const { relay, error } of failures) log('warning', `${relay} did not store it: ${error.message}`);
  try {
    return await dealOn(buyer, intent.id, input, { waitMs, enough, log });
  } catch (err) {
    // Nothing came of it: withdraw the intent so that vendors stop answering it.
    if (err instanceof NoDeal) {
      await buyer.withdraw(intent.id, { reason: 'no-longer-needed' }).catch(() => {});
      log('withdraw', `intent ${short(intent.id)}`);
    }
    throw err;
  }
}

/**
 * @param {Buyer} buyer
 * @param {string} intentId
 * @param {IntentInput} input
 * @param {{ waitMs: number, enough: number, log: Log }} options
 */
async function dealOn(buyer, intentId, input, { waitMs, enough, log }) {
  log('wait', `up to ${seconds(waitMs)} for offers`);
  const offers = await collectOffers(buyer, intentId, { waitMs, enough, log });
  if (offers.length === 0) throw new NoDeal(`no offers arrived within ${seconds(waitMs)}`);

  const { budget } = input;
  const withinBudget = (/** @type {Money} */ price) =>
    budget === undefined || (price.currency === budget.currency && cents(price) <= cents(budget.max));
  const affordable = offers
    .filter((offer) => withinBudget(priceOf(offer)))
    .sort((a, b) => cents(priceOf(a)) - cents(priceOf(b)));
  const best = affordable[0];
  if (best === undefined) throw new NoDeal(`none of the ${offers.length} offers is within the budget`);
  log('best', `${vendorOf(best)} at ${money(priceOf(best))}`);

  const ask = { amount: amount(cents(priceOf(best)) * (1 - DISCOUNT)), currency: priceOf(best).currency };
  const { message: counter } = await buyer.counter(best, { price: ask }, { seal: true });
  log('counter', `${money(ask)} to ${vendorOf(best)} (sealed)`);

  const answer = await waitFor(buyer, intentId, waitMs, (m) =>
    m.type === 'offer' ? m.ref === counter.id : m.type === 'withdraw' && m.ref === best.id,
  );
  if (answer === undefined) throw new NoDeal(`${vendorOf(best)} did not answer the counter in time`);
  if (answer.type !== 'offer') throw new NoDeal(`${vendorOf(best)} withdrew its offer rather than revise it`);
  log('revised', `${vendorOf(answer)}: ${money(priceOf(answer))}, ${answer.body.description}`);
  if (!withinBudget(priceOf(answer))) {
    await buyer.decline(answer, 'price');
    throw new NoDeal(`the revised offer is over the budget of ${money(budget)}`);
  }

  // Only the accepted offer may stand: the others are declined first, since a filled intent takes no more replies.
  for (const other of offers.filter((o) => o.author !== best.author)) {
    await buyer.decline(other, 'chose-other').then(
      () => log('decline', `${vendorOf(other)} (chose another offer)`),
      (/** @type {Error} */ err) => log('warning', `could not decline ${vendorOf(other)}: ${err.message}`),
    );
  }
  const { message: accept } = await buyer.accept(answer);
  log('accept', `${vendorOf(answer)} at ${money(priceOf(answer))}`);

  const settled = await waitFor(buyer, intentId, waitMs, (m) =>
    m.type === 'confirm' ? m.ref === accept.id : m.type === 'withdraw' && m.ref === answer.id,
  );
  if (settled === undefined) throw new NoDeal(`${vendorOf(answer)} did not confirm in time`);
  if (settled.type !== 'confirm') throw new NoDeal(`${vendorOf(answer)} withdrew its offer after the accept`);
  const reference = settled.body.reference ?? settled.opened?.text ?? '(no reference)';
  log('confirm', `${vendorOf(answer)}: booking ${reference}`);
  return { intentId, vendor: vendorOf(answer), price: priceOf(answer), reference };
}

/**
 * The latest offer of each vendor, gathered until `waitMs` passes or `enough` vendors have offered.
 *
 * @param {Buyer} buyer
 * @param {string} intentId
 * @param {{ waitMs: number, enough: number, log: Log }} options
 * @returns {Promise<ReceivedOffer[]>}
 */
async function collectOffers(buyer, intentId, { waitMs, enough, log }) {
  /** @type {Map<string, ReceivedOffer>} */
  const latest = new Map();
  // The loop ends by itself when the signal fires.
  for await (const offer of buyer.offers(intentId, { signal: AbortSignal.timeout(waitMs) })) {
    latest.set(offer.author, offer);
    const sealed = offer.body.sealed === undefined ? '' : ' (sealed, opened)';
    log('offer', `${vendorOf(offer)}: ${money(priceOf(offer))}${sealed}, ${offer.body.description}`);
    if (latest.size >= enough) break;
  }
  return [...latest.values()];
}

/**
 * The first message of the intent's mailbox that `wanted` picks, or undefined after `waitMs`.
 *
 * @param {Buyer} buyer
 * @param {string} intentId
 * @param {number} waitMs
 * @param {(message: BuyerMail) => boolean} wanted
 */
async function waitFor(buyer, intentId, waitMs, wanted) {
  for await (const message of buyer.messages(intentId, { signal: AbortSignal.timeout(waitMs) })) {
    if (wanted(message)) return message;
  }
  return undefined;
}

/** @param {ReceivedOffer} offer @returns {Money} A sealed price comes opened with the intent's key. */
const priceOf = (offer) => offer.opened?.price ?? offer.body.price ?? { amount: '0', currency: '?' };
/** @param {ReceivedOffer} offer */
const vendorOf = (offer) => offer.body.vendor.name;
/** @param {Money | string} value Amounts in cents, which is precise enough for prices. */
const cents = (value) => Math.round(Number(typeof value === 'string' ? value : value.amount) * 100);
/** @param {number} inCents */
const amount = (inCents) => (Math.round(inCents) / 100).toFixed(2);
/** @param {{ amount?: string, max?: string, currency: string } | undefined} value */
const money = (value) => `${value?.amount ?? value?.max} ${value?.currency}`;
/** @param {number} ms */
const seconds = (ms) => `${ms / 1000} s`;
/** @param {number} ms */
const timestamp = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
/** @param {string} id */
const short = (id) => `${id.slice(0, 8)}…`;
/** @param {IntentInput} input */
const stay = ({ when }) => (when ? `${when.start.slice(0, 10)} to ${when.end.slice(0, 10)}` : 'any dates');
/** @param {string} date */
const isDate = (date) => timestamp(Date.parse(`${date}T00:00:00Z`) || 0).startsWith(date);
/** @type {Log} */
const print = (label, text) => console.log(`${label.padEnd(8)} ${text}`);

const USAGE = `Usage: node examples/buyer/buyer.mjs [options]

  --relay <url>       a relay; repeat for several (default: INTENTCAST_RELAY, else ${DEFAULT_RELAY})
  --keys <dir>        the keystore directory (default: INTENTCAST_KEYS, else ~/.intentcast/keys)
  --wait <seconds>    how long to wait for offers, for the revision and for the confirm (default 10)
  --offers <n>        stop waiting for offers once n vendors have offered
  --region <code>     where the hotel should be, ISO 3166 (default PT-11, Lisbon)
  --check-in <date>   YYYY-MM-DD (default: in 30 days)
  --nights <n>        (default 2)
  --budget <amount>   the most to pay for the stay, in EUR (default 300.00)

Exit status: 0 deal confirmed, 1 no deal, 2 bad options.`;

class UsageError extends Error {}

/** @param {string[]} args */
function options(args) {
  const { values } = parseArgs({
    args,
    options: {
      relay: { type: 'string', multiple: true },
      keys: { type: 'string' },
      wait: { type: 'string', default: '10' },
      offers: { type: 'string' },
      region: { type: 'string', default: 'PT-11' },
      'check-in': { type: 'string', default: timestamp(Date.now() + 30 * DAY).slice(0, 10) },
      nights: { type: 'string', default: '2' },
      budget: { type: 'string', default: '300.00' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  /** @param {string} name @param {string} value @param {RegExp} pattern @param {string} expected */
  const check = (name, value, pattern, expected) => {
    if (!pattern.test(value)) throw new UsageError(`--${name}: expected ${expected}, got "${value}"`);
    return value;
  };
  const env = (process.env.INTENTCAST_RELAY ?? '').split(/[\s,]+/).filter(Boolean);
  const relays = values.relay ?? (env.length > 0 ? env : [DEFAULT_RELAY]);
  for (const url of relays) check('relay', url, /^https?:\/\/[^/\s]+/, 'an http(s) URL');
  const checkIn = values['check-in'];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(checkIn) || !isDate(checkIn)) {
    throw new UsageError(`--check-in: expected a date such as 2027-03-12, got "${checkIn}"`);
  }
  return {
    help: values.help === true,
    relays,
    keys: values.keys ?? (process.env.INTENTCAST_KEYS || join(homedir(), '.intentcast', 'keys')),
    waitMs: Number(check('wait', values.wait, /^\d+(\.\d+)?$/, 'a number of seconds such as 10')) * 1000,
    enough:
      values.offers === undefined ? Infinity : Number(check('offers', values.offers, /^[1-9]\d*$/, 'n > 0')),
    room: {
      region: check('region', values.region, /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'an ISO 3166 code such as PT-11'),
      checkIn,
      nights: Number(check('nights', values.nights, /^([1-9]|[12]\d|30)$/, 'a number of nights, 1 to 30')),
      budget: check('budget', values.budget, /^(0|[1-9]\d*)(\.\d{1,2})?$/, 'an amount such as 300.00'),
    },
  };
}

async function main() {
  const config = options(process.argv.slice(2));
  if (config.help) return void console.log(USAGE);
  const buyer = new Buyer({ relays: config.relays, keystore: new FileKeystore(config.keys) });
  try {
    const intent = hotelIntent(config.room);
    const deal = await negotiate({ buyer, intent, waitMs: config.waitMs, enough: config.enough });
    print('done', `${deal.vendor}, ${money(deal.price)}, booking ${deal.reference}`);
  } finally {
    await buyer.close();
  }
}

// Run only when executed (node buyer.mjs), not when imported (the demo imports negotiate).
if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === import.meta.filename) {
  main().catch((err) => {
    const usage = err instanceof UsageError || String(err?.code).startsWith('ERR_PARSE_ARGS');
    process.exitCode = usage ? 2 : 1;
    if (usage) console.error(`buyer: ${err.message} (see --help)`);
    else if (err instanceof NoDeal) console.error(`buyer: no deal: ${err.message}`);
    // A relay's refusal or a file error, with its code; anything else is a bug, and its stack helps.
    else if (typeof err?.code === 'string') console.error(`buyer: ${err.code}: ${err.message}`);
    else console.error(err);
  });
}
