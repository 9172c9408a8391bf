// @ts-check
/**
 * The whole negotiation on one machine: a relay in this process, two hotels competing through the
 * vendor-crm bot, and the buyer example, every step printed as it happens. Everything lives in a temporary
 * directory that is deleted at the end.
 *
 *   npm run demo        (builds the packages, then runs this file)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Buyer, FileKeystore } from '@intentcast/client';
import {
  buildRelay,
  createHub,
  loadOrCreateRelayKey,
  openSqliteStore,
  streamPlugin,
} from '@intentcast/relay';
import { hotelIntent, NoDeal, negotiate } from '../buyer/buyer.mjs';
import { startVendor } from '../vendor-crm/vendor.mjs';

const HOTELS = [
  { name: 'Casa Azul', catalog: join(import.meta.dirname, '../vendor-crm/catalog.csv'), colour: 34 },
  { name: 'Alfama Guesthouse', catalog: join(import.meta.dirname, 'alfama.csv'), colour: 35 },
];
const WAIT_MS = 10_000;

const tty = process.stdout.isTTY === true && !process.env.NO_COLOR;
/** @param {number} code @param {string} text */
const paint = (code, text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
/** @param {string} who @param {number} colour @returns {(label: string, text: string) => void} */
const voice = (who, colour) => (label, text) =>
  console.log(`${paint(colour, who.padEnd(18))} ${paint(1, label.padEnd(8))} ${text}`);

/** Starts a relay on 127.0.0.1 at a free port, on SQLite in `dir`. @param {string} dir */
async function startRelay(dir) {
  const store = openSqliteStore(join(dir, 'relay.sqlite'));
  const { key } = await loadOrCreateRelayKey(join(dir, 'relay-key.json'));
  const hub = createHub();
  const app = await buildRelay({ store, key, hub, plugins: [streamPlugin({ hub })] });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

async function demo() {
  console.log(paint(1, 'Intentcast: a buyer, two hotels and a relay, all on this machine\n'));
  const dir = mkdtempSync(join(tmpdir(), 'intentcast-demo-'));
  /** @type {(() => Promise<unknown>)[]} Undone last first. */
  const cleanup = [async () => rmSync(dir, { recursive: true, force: true })];
  const stopping = () => void shutDown(cleanup).finally(() => process.exit(130));
  process.once('SIGINT', stopping);
  try {
    const relay = await startRelay(dir);
    cleanup.push(relay.close);
    voice('relay', 32)('started', `${relay.url} (SQLite in a temporary directory)`);

    const bots = [];
    for (const [i, hotel] of HOTELS.entries()) {
      const bot = await startVendor({
        relays: [relay.url],
        dataDir: join(dir, `vendor-${i}`),
        catalogPath: hotel.catalog,
        name: hotel.name,
        deals: 1, // each hotel either wins this buyer or loses them
        timeoutMs: 4 * WAIT_MS,
        log: voice(hotel.name, hotel.colour),
      });
      cleanup.push(bot.stop);
      bots.push(bot);
    }

    const buyer = new Buyer({ relays: [relay.url], keystore: new FileKeystore(join(dir, 'buyer-keys')) });
    cleanup.push(() => buyer.close());
    const checkIn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const intent = hotelIntent({ region: 'PT-11', checkIn, nights: 2, budget: '300.00' });
    const log = voice('buyer', 36);
    const deal = await negotiate({ buyer, intent, waitMs: WAIT_MS, enough: HOTELS.length, log });
    log('done', `${deal.vendor}, ${deal.price.amount} ${deal.price.currency}, booking ${deal.reference}`);

    // The hotels stop by themselves once their deal is closed, won or lost.
    const tallies = await Promise.all(bots.map((bot) => bot.finished));
    for (const [i, { won, lost }] of tallies.entries()) {
      voice(HOTELS[i]?.name ?? '', HOTELS[i]?.colour ?? 0)('crm', `${won} won, ${lost} lost`);
    }
  } finally {
    process.off('SIGINT', stopping);
    await shutDown(cleanup);
  }
  console.log(`
${paint(1, 'Where to look next')}
  examples/buyer/         the buyer: cast, compare, counter, accept (node examples/buyer/buyer.mjs --help)
  examples/vendor-crm/    the vendor bot, its catalog and its CRM (node examples/vendor-crm/vendor.mjs --help)
  README.md               the protocol in a page; packages/client/README.md for the SDK
  npm start               a relay at http://127.0.0.1:8787; open http://127.0.0.1:8787/ for the console
                          then run the vendor and the buyer against it, in two more terminals`);
}

/** @param {(() => Promise<unknown>)[]} steps */
async function shutDown(steps) {
  for (const step of steps.splice(0).reverse()) await step().catch(() => {});
}

demo().catch((err) => {
  process.exitCode = 1;
  const expected = err instanceof NoDeal || typeof err?.code === 'string' || err?.name === 'CatalogError';
  console.error(`demo failed: ${expected ? err.message : err?.stack}`);
});
