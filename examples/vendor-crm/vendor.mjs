// @ts-check
/**
 * A vendor bot wired to a CRM. It watches the relays for intents its catalog can answer, records each as a
 * lead, offers the cheapest product that fits (price sealed to the buyer), and works the buyer's replies:
 * a counter at or above the floor price gets a revised offer, one below it gets the offer withdrawn, an
 * accept gets a confirm and a won deal, a decline a lost one.
 *
 *   node examples/vendor-crm/vendor.mjs [--relay URL]... [--data DIR] [--catalog FILE] [--name NAME]
 *                                       [--deals N] [--timeout SECONDS]
 *
 * Exit status: 0 stopped (Ctrl-C, --deals or --timeout); 1 failed (bad catalog, relay refused); 2 bad flags.
 */
import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FileKeystore, Vendor } from '@intentcast/client';
import { CatalogError, loadCatalog, quote, streamFilter, toCents } from './catalog.mjs';
import { Crm } from './crm.mjs';

/**
 * @typedef {import('./catalog.mjs').Product} Product
 * @typedef {import('./catalog.mjs').Intent} Intent
 * @typedef {import('./crm.mjs').Opportunity} Opportunity
 * @typedef {import('./crm.mjs').Reply} Reply
 * @typedef {import('@intentcast/client').VendorMail} VendorMail
 * @typedef {(label: string, text: string) => void} Log
 * @typedef {{ vendor: Vendor, crm: Crm, catalog: Product[], log: Log, closed: (outcome: 'won' | 'lost') => void }} Bot
 */

/** The buyers' personal terms this vendor agrees to. An intent offering none of them gets no offer. */
export const ACCEPTED_TERMS = ['https://customercommons.org/terms/nostalking'];
export const DEFAULT_RELAY = 'http://127.0.0.1:8787';

/**
 * Starts the bot and resolves once its identity is loaded. It runs until `stop()`, until `deals` deals have
 * closed (won or lost), or until `timeoutMs` passes; `finished` then resolves with the tally.
 *
 * @param {object} options
 * @param {string[]} options.relays
 * @param {string} options.dataDir      holds keys/ (the vendor's long-lived identity) and crm.sqlite
 * @param {string} options.catalogPath
 * @param {string} options.name         the vendor's name in its offers
 * @param {number} [options.deals]
 * @param {number} [options.timeoutMs]
 * @param {Log} [options.log]
 * @example
 * const bot = await startVendor({ relays, dataDir: './vendor-data', catalogPath: './catalog.csv', name: 'Casa Azul' });
 * const { won, lost } = await bot.finished;
 */
export async function startVendor({ relays, dataDir, catalogPath, name, deals, timeoutMs, log = print }) {
  const catalog = loadCatalog(catalogPath);
  mkdirSync(dataDir, { recursive: true });
  const crm = new Crm(join(dataDir, 'crm.sqlite'));
  const vendor = new Vendor({
    relays,
    keystore: new FileKeystore(join(dataDir, 'keys')),
    profile: { name },
    policy: { acceptsTerms: (terms) => ACCEPTED_TERMS.includes(terms.uri) },
  });
  let did;
  try {
    did = await vendor.did();
  } catch (err) {
    crm.close();
    throw err;
  }

  const controller = new AbortController();
  // A timer, not AbortSignal.timeout: in Node 20 a timeout signal held only by AbortSignal.any can be
  // garbage-collected before it fires, and the bot would then never stop.
  const timer = timeoutMs === undefined ? undefined : setTimeout(() => controller.abort(), timeoutMs);
  const { signal } = controller;
  const tally = { won: 0, lost: 0 };
  /** @type {Bot} */
  const bot = {
    vendor,
    crm,
    catalog,
    log,
    closed(outcome) {
      tally[outcome] += 1;
      if (deals !== undefined && tally.won + tally.lost >= deals) controller.abort();
    },
  };
  const filter = streamFilter(catalog);
  log(
    'ready',
    `${name} (${did.slice(0, 20)}…) answers ${filter.category.join(', ')} in ${filter.region.join(', ')}`,
  );

  // One message at a time, so that a reply is never handled before the offer it answers is recorded.
  const serial = serially();
  /** @template T @param {AsyncIterable<T>} feed @param {(item: T) => Promise<void>} handle */
  const work = async (feed, handle) => {
    for await (const item of feed) await serial(() => handle(item).catch((err) => failed(log, err)));
  };
  const loops = [
    // The relay matches category and region; the catalog decides the rest. (A webhook could deliver the
    // same intents to a CRM's HTTP endpoint instead: see vendor.webhookHandler in the README.)
    work(vendor.intents(filter, { signal }), (intent) => onIntent(bot, intent)),
    // Replies to this vendor's offers, and withdrawals of intents it offered on.
    work(vendor.mailbox({ signal }), (mail) => onMail(bot, mail)),
  ].map((loop) =>
    loop.catch((err) => {
      controller.abort(); // one feed failed for good: stop the other too
      throw err;
    }),
  );
  // The feeds reconnect by themselves; say when a relay cannot be reached, and when it is back.
  const reported = new Map();
  const watch = setInterval(() => {
    for (const relay of vendor.health()) {
      const down = relay.status === 'down';
      if (reported.get(relay.url) === down) continue;
      if (down || reported.has(relay.url)) {
        log(
          down ? 'offline' : 'online',
          down ? `${relay.url}: ${relay.lastError?.message ?? 'no answer'}` : relay.url,
        );
      }
      reported.set(relay.url, down);
    }
  }, 1000);
  watch.unref();
  const finished = Promise.allSettled(loops).then(async (results) => {
    clearTimeout(timer);
    clearInterval(watch);
    await vendor.close();
    crm.close();
    const failure = results.find((result) => result.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
    return tally;
  });
  const stop = () => {
    controller.abort();
    return finished;
  };
  return { did, finished, stop };
}

/** @param {Bot} bot @param {Intent} intent */
async function onIntent({ vendor, crm, catalog, log }, intent) {
  if (crm.hasLead(intent.id)) return; // seen before a restart: the stream replays what is still open
  crm.addLead(intent);
  const { what, where } = intent.body;
  log('lead', `${short(intent.id)}: ${what.description} in ${where?.region ?? 'no region'}`);
  const found = quote(catalog, intent, (sku) => crm.sold(sku));
  if ('reason' in found) {
    crm.skipLead(intent.id, found.reason);
    return log('skip', `${short(intent.id)}: ${found.reason}`);
  }
  const { product, price, floor, nights } = found;
  let offer;
  try {
    ({ message: offer } = await vendor.offer(intent, {
      price,
      description: product.description,
      quantity: what.quantity,
      ...(intent.body.when === undefined ? {} : { when: intent.body.when }),
      sealPrice: intent.body.sealKey !== undefined, // only the buyer reads it
    }));
  } catch (err) {
    // ERR_LIFECYCLE_TERMS: the policy accepts none of the buyer's terms, and nothing was sent.
    const { code, message } = /** @type {{ code?: string, message: string }} */ (err);
    if (code === undefined) throw err;
    crm.skipLead(intent.id, `${code}: ${message}`);
    return log('skip', `${short(intent.id)}: ${code}: ${message}`);
  }
  crm.openOpportunity({ offer, sku: product.sku, quantity: what.quantity, price, floor });
  const sealed = offer.body.sealed === undefined ? '' : ' (sealed)';
  log(
    'offer',
    `${product.sku}, ${nights} night(s): ${money(price)}${sealed}, opportunity ${short(offer.id)}`,
  );
}

/** @param {Bot} bot @param {VendorMail} mail */
async function onMail(bot, mail) {
  const { vendor, crm, log, closed } = bot;
  const opportunity = crm.opportunityOn(mail.thread);
  if (opportunity === undefined || opportunity.status === 'won' || opportunity.status === 'lost') return;
  if (mail.type === 'withdraw') {
    crm.closeDeal(opportunity, { outcome: 'lost', reason: 'the buyer withdrew the intent' });
    log('lost', `${opportunity.sku}: the buyer withdrew the intent`);
    return closed('lost');
  }
  // A reply is logged once it is answered, so that one whose answer failed is tried again after a restart.
  if (crm.handled(mail.id)) return; // a replayed mailbox
  const reply = mail;
  switch (reply.body.decision) {
    case 'counter':
      return onCounter(bot, opportunity, reply);
    case 'accept': {
      const reference = `${opportunity.sku}-${reply.id.slice(0, 6).toUpperCase()}`;
      await vendor.confirm(reply, { reference });
      crm.logReply(opportunity, reply, { status: 'accepted' });
      crm.closeDeal(opportunity, { outcome: 'won', price: opportunity.price, reference });
      log(
        'won',
        `${opportunity.sku} at ${opportunity.price} ${opportunity.currency}, confirmed as ${reference}`,
      );
      return closed('won');
    }
    case 'decline': {
      const reason = `declined (${reply.body.reason})`;
      crm.logReply(opportunity, reply, { status: 'lost', detail: reply.body.reason ?? '' });
      crm.closeDeal(opportunity, { outcome: 'lost', reason });
      log('lost', `${opportunity.sku}: ${reason}`);
      return closed('lost');
    }
    case 'question': {
      const question = reply.opened?.text ?? reply.body.text ?? '';
      const product = bot.catalog.find((p) => p.sku === opportunity.sku);
      const price = { amount: opportunity.price, currency: opportunity.currency };
      const note = `${product?.description ?? opportunity.sku}. The front desk answers anything else.`;
      const { message: revised } = await vendor.revise(reply, { price, note });
      crm.logReply(opportunity, reply, { status: 'countered', detail: question });
      crm.addRevision(opportunity, revised, price);
      return log('answer', `${opportunity.sku}: "${question}" answered with the same offer`);
    }
  }
}

/**
 * A counter at or above the floor is met with a revised offer; below it, the offer is withdrawn.
 *
 * @param {Bot} bot @param {Opportunity} opportunity @param {Reply} reply
 */
async function onCounter({ vendor, crm, log, closed }, opportunity, reply) {
  const asked = reply.opened?.counter?.price ?? reply.body.counter?.price;
  const current = { amount: opportunity.price, currency: opportunity.currency };
  if (asked === undefined || asked.currency !== opportunity.currency) {
    // A counter on dates or quantity only, or in another currency: this bot keeps its price.
    const { message: revised } = await vendor.revise(reply, { price: current });
    crm.logReply(opportunity, reply, { status: 'countered' });
    crm.addRevision(opportunity, revised, current);
    return log('counter', `${opportunity.sku}: not a price in ${opportunity.currency}; the price stands`);
  }
  if (toCents(asked.amount) < toCents(opportunity.floor)) {
    await vendor.withdraw(opportunity.latest, { reason: 'price' });
    crm.logReply(opportunity, reply, { status: 'countered', price: asked });
    const reason = `counter ${money(asked)} below the floor of ${opportunity.floor}`;
    crm.closeDeal(opportunity, { outcome: 'lost', reason });
    log('counter', `${money(asked)} on ${opportunity.sku}: below the floor, offer withdrawn`);
    log('lost', `${opportunity.sku}: ${reason}`);
    return closed('lost');
  }
  const { message: revised } = await vendor.revise(reply, { price: asked });
  crm.logReply(opportunity, reply, { status: 'countered', price: asked });
  crm.addRevision(opportunity, revised, asked);
  log(
    'revise',
    `${opportunity.sku}: ${money(current)} -> ${money(asked)} (the buyer's counter, above the floor)`,
  );
}

/** Runs tasks one after another, in the order given. */
function serially() {
  let tail = Promise.resolve();
  /** @param {() => Promise<void>} task */
  return (task) => {
    const run = tail.then(task);
    tail = run.catch(() => {});
    return run;
  };
}

/** A message the bot could not handle is logged; the bot goes on with the next. @param {Log} log */
function failed(log, /** @type {any} */ err) {
  log('error', err?.code === undefined ? String(err?.stack ?? err) : `${err.code}: ${err.message}`);
}

/** @param {{ amount: string, currency: string }} value */
const money = (value) => `${value.amount} ${value.currency}`;
/** @param {string} id */
const short = (id) => `${id.slice(0, 8)}…`;
/** @type {Log} */
const print = (label, text) => console.log(`${label.padEnd(8)} ${text}`);

const USAGE = `Usage: node examples/vendor-crm/vendor.mjs [options]

  --relay <url>         a relay; repeat for several (default: INTENTCAST_RELAY, else ${DEFAULT_RELAY})
  --data <dir>          the identity (keys/) and the CRM (crm.sqlite) (default: INTENTCAST_VENDOR_DATA,
                        else ./vendor-data)
  --catalog <file>      the product catalog, CSV (default: catalog.csv beside this script)
  --name <name>         the vendor's name in its offers (default: INTENTCAST_VENDOR_NAME, else Casa Azul)
  --deals <n>           stop once n deals have closed, won or lost
  --timeout <seconds>   stop after this long

Exit status: 0 stopped, 1 failed, 2 bad options.`;

class UsageError extends Error {}

/** @param {string[]} args */
function options(args) {
  const { values } = parseArgs({
    args,
    options: {
      relay: { type: 'string', multiple: true },
      data: { type: 'string' },
      catalog: { type: 'string', default: join(import.meta.dirname, 'catalog.csv') },
      name: { type: 'string' },
      deals: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  /** @param {string} flag @param {string} value @param {RegExp} pattern @param {string} expected */
  const check = (flag, value, pattern, expected) => {
    if (!pattern.test(value)) throw new UsageError(`--${flag}: expected ${expected}, got "${value}"`);
    return value;
  };
  const env = (process.env.INTENTCAST_RELAY ?? '').split(/[\s,]+/).filter(Boolean);
  const relays = values.relay ?? (env.length > 0 ? env : [DEFAULT_RELAY]);
  for (const url of relays) check('relay', url, /^https?:\/\/[^/\s]+/, 'an http(s) URL');
  const name = values.name ?? (process.env.INTENTCAST_VENDOR_NAME || 'Casa Azul');
  return {
    help: values.help === true,
    relays,
    dataDir: values.data ?? (process.env.INTENTCAST_VENDOR_DATA || 'vendor-data'),
    catalogPath: values.catalog,
    name: check('name', name, /^\S.{0,119}$/, 'a name of 1 to 120 characters'),
    ...(values.deals === undefined
      ? {}
      : { deals: Number(check('deals', values.deals, /^[1-9]\d*$/, 'n > 0')) }),
    ...(values.timeout === undefined
      ? {}
      : {
          timeoutMs: 1000 * Number(check('timeout', values.timeout, /^\d+(\.\d+)?$/, 'a number of seconds')),
        }),
  };
}

async function main() {
  const { help, ...config } = options(process.argv.slice(2));
  if (help) return void console.log(USAGE);
  const bot = await startVendor(config);
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.once(signal, () => bot.stop());
  const { won, lost } = await bot.finished;
  print('stopped', `${won} won, ${lost} lost`);
}

// Run only when executed (node vendor.mjs), not when imported (the demo imports startVendor).
if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === import.meta.filename) {
  main().catch((err) => {
    const usage = err instanceof UsageError || String(err?.code).startsWith('ERR_PARSE_ARGS');
    process.exitCode = usage ? 2 : 1;
    if (usage) console.error(`vendor: ${err.message} (see --help)`);
    else if (err instanceof CatalogError) console.error(`vendor: ${err.message}`);
    // A relay's refusal or a file error, with its code; anything else is a bug, and its stack helps.
    else if (typeof err?.code === 'string') console.error(`vendor: ${err.code}: ${err.message}`);
    else console.error(err);
  });
}
