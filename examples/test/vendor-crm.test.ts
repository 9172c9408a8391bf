import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Buyer, type IntentInput, MemoryKeystore } from '../../packages/client/src/index.js';
import { next } from '../../packages/client/test/fixtures.js';
import { type RunningRelay, startRelay } from '../../packages/client/test/relay-harness.js';
import { EUR, NOSTALKING } from './hotels.js';
import { killAll, lines, type Running, removeAll, run, tempDir } from './processes.js';

const VENDOR = 'examples/vendor-crm/vendor.mjs';
const TERMS = { uri: NOSTALKING, sha256: '5d'.repeat(32) };

/** A stay in the vendor's catalog: AZ-DBL-RIVER, 139.00 a night (floor 115.00), so 278.00 for two nights. */
function stay(change: { region?: string; budget?: string; terms?: IntentInput['terms'] } = {}): IntentInput {
  const start = Date.now() + 30 * 86_400_000;
  const day = (ms: number) => `${new Date(ms).toISOString().slice(0, 10)}T14:00:00Z`;
  return {
    what: { category: 'lodging.hotel', description: 'A double room', attributes: { guests: 2 }, quantity: 1 },
    where: { region: change.region ?? 'PT-11' },
    when: { start: day(start), end: day(start + 2 * 86_400_000) },
    budget: { currency: 'EUR', max: change.budget ?? '300.00' },
    terms: change.terms ?? [TERMS],
  };
}

function rows(path: string, sql: string): unknown[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe('the vendor-crm example', () => {
  let relay: RunningRelay;
  let data: string;
  let crm: string;
  let buyer: Buyer;
  let controller: AbortController;
  let signal: AbortSignal;

  beforeEach(async () => {
    relay = await startRelay();
    data = await tempDir('vendor-data');
    crm = join(data, 'crm.sqlite');
    controller = new AbortController();
    signal = controller.signal;
    buyer = new Buyer({ relays: [relay.url], keystore: new MemoryKeystore(), backoff: { initialMs: 100 } });
  });
  afterEach(async () => {
    killAll();
    controller.abort();
    await buyer.close();
    await relay.close();
    await removeAll();
  });

  async function vendor(args: string[]): Promise<Running> {
    const bot = run(VENDOR, ['--relay', relay.url, '--data', data, ...args]);
    await bot.output(/^ready +Casa Azul \(did:key:z6Mk\w+…\) answers lodging\.hotel in PT-11, PT-13$/m);
    return bot;
  }

  it('turns an intent into a lead, an opportunity with a revision, and a won deal', async () => {
    const bot = await vendor(['--deals', '1', '--timeout', '30']);
    const { intent } = await buyer.cast(stay());
    const offers = buyer.offers(intent.id, { signal })[Symbol.asyncIterator]();
    const offer = await next(offers, 'the offer');
    expect(offer.body).toMatchObject({
      description: 'Double room with a river view, breakfast included',
      quantity: 1,
      terms: TERMS,
      vendor: { name: 'Casa Azul' },
      when: intent.body.when,
    });
    expect(offer.body.price).toBeUndefined();
    expect(offer.opened).toEqual({ price: EUR('278.00') });

    const { message: counter } = await buyer.counter(offer, { price: EUR('240.00') }, { seal: true });
    const revised = await next(offers, 'the revised offer');
    expect(revised.ref).toBe(counter.id);
    expect(revised.opened).toEqual({ price: EUR('240.00') });
    const { message: accept } = await buyer.accept(revised);

    expect(await bot.exit()).toBe(0);
    const out = bot.stdout();
    expect(lines(out, 'revise')).toEqual([
      "AZ-DBL-RIVER: 278.00 EUR -> 240.00 EUR (the buyer's counter, above the floor)",
    ]);
    expect(lines(out, 'stopped')).toEqual(['1 won, 0 lost']);
    expect(bot.stderr()).toBe('');

    const thread = await buyer.thread(intent.id);
    expect(thread.state).toBe('closed');
    expect(thread.messages.map((m) => m.type)).toEqual(['offer', 'reply', 'offer', 'reply', 'confirm']);
    const confirm = thread.messages.find((m) => m.type === 'confirm')!;
    expect(confirm.ref).toBe(accept.id);
    const reference = confirm.body.reference!;
    expect(reference).toMatch(/^AZ-DBL-RIVER-[0-9A-F]{6}$/);

    expect(rows(crm, 'SELECT intent_id, buyer, region, budget, status FROM leads')).toEqual([
      { intent_id: intent.id, buyer: intent.author, region: 'PT-11', budget: '300.00 EUR', status: 'won' },
    ]);
    expect(rows(crm, 'SELECT id, intent_id, sku, floor, status FROM opportunities')).toEqual([
      { id: offer.id, intent_id: intent.id, sku: 'AZ-DBL-RIVER', floor: '230.00', status: 'won' },
    ]);
    expect(rows(crm, 'SELECT id, revision, price, answers FROM offers ORDER BY revision')).toEqual([
      { id: offer.id, revision: 0, price: '278.00', answers: null },
      { id: revised.id, revision: 1, price: '240.00', answers: counter.id },
    ]);
    expect(rows(crm, 'SELECT id, decision, price FROM replies ORDER BY rowid')).toEqual([
      { id: counter.id, decision: 'counter', price: '240.00' },
      { id: accept.id, decision: 'accept', price: null },
    ]);
    expect(rows(crm, 'SELECT opportunity_id, outcome, price, reference, reason FROM deals')).toEqual([
      { opportunity_id: offer.id, outcome: 'won', price: '240.00', reference, reason: null },
    ]);
  }, 40_000);

  it('offers nothing when no catalog row fits or the terms are not acceptable', async () => {
    const bot = await vendor(['--timeout', '30']);
    const overBudget = (await buyer.cast(stay({ budget: '150.00' }))).intent;
    const elsewhere = (await buyer.cast(stay({ region: 'ES-MD' }))).intent;
    const otherTerms = [{ uri: 'https://terms.example/share-everything', sha256: 'ab'.repeat(32) }];
    const badTerms = (await buyer.cast(stay({ terms: otherTerms }))).intent;
    // Intents are handled in order: once this one has its offer, the others were handled.
    const porto = (await buyer.cast(stay({ region: 'PT-13' }))).intent;
    const offer = await next(buyer.offers(porto.id, { signal })[Symbol.asyncIterator](), 'the Porto offer');
    expect(offer.opened).toEqual({ price: EUR('238.00') });
    bot.child.kill('SIGTERM');
    expect(await bot.exit()).toBe(0);

    expect(lines(bot.stdout(), 'skip')).toEqual([
      `${overBudget.id.slice(0, 8)}…: over budget`,
      `${badTerms.id.slice(0, 8)}…: ERR_LIFECYCLE_TERMS: the vendor's policy accepts none of the intent's terms (https://terms.example/share-everything); no offer was sent`,
    ]);
    expect(lines(bot.stdout(), 'stopped')).toEqual(['0 won, 0 lost']);
    for (const id of [overBudget.id, badTerms.id, elsewhere.id]) {
      expect((await buyer.thread(id)).messages).toEqual([]);
    }
    // The relay sends only intents of the catalog's regions; the others never become leads.
    expect(rows(crm, 'SELECT intent_id, status, note FROM leads ORDER BY rowid')).toEqual([
      { intent_id: overBudget.id, status: 'skipped', note: 'over budget' },
      { intent_id: badTerms.id, status: 'skipped', note: expect.stringMatching(/^ERR_LIFECYCLE_TERMS: /) },
      { intent_id: porto.id, status: 'offered', note: null },
    ]);
    expect(rows(crm, 'SELECT intent_id, sku FROM opportunities')).toEqual([
      { intent_id: porto.id, sku: 'AZ-DBL-PORTO' },
    ]);
  }, 40_000);

  it('withdraws its offer, and records a lost deal, on a counter below the floor', async () => {
    const bot = await vendor(['--deals', '1', '--timeout', '30']);
    const { intent } = await buyer.cast(stay());
    const mail = buyer.messages(intent.id, { signal })[Symbol.asyncIterator]();
    const offer = await next(mail, 'the offer');
    if (offer.type !== 'offer') throw new Error(`expected the offer, got a ${offer.type}`);
    const { message: counter } = await buyer.counter(offer, { price: EUR('200.00') }, { seal: true });
    const withdrawal = await next(mail, 'the withdrawal');
    expect(withdrawal).toMatchObject({ type: 'withdraw', ref: offer.id, body: { reason: 'price' } });

    expect(await bot.exit()).toBe(0);
    expect(lines(bot.stdout(), 'counter')).toEqual([
      '200.00 EUR on AZ-DBL-RIVER: below the floor, offer withdrawn',
    ]);
    expect(lines(bot.stdout(), 'stopped')).toEqual(['0 won, 1 lost']);
    expect((await buyer.thread(intent.id)).messages.map((m) => m.type)).toEqual([
      'offer',
      'reply',
      'withdraw',
    ]);
    expect(rows(crm, 'SELECT id, revision, price FROM offers')).toEqual([
      { id: offer.id, revision: 0, price: '278.00' },
    ]);
    expect(rows(crm, 'SELECT id, decision, price FROM replies')).toEqual([
      { id: counter.id, decision: 'counter', price: '200.00' },
    ]);
    expect(rows(crm, 'SELECT outcome, reason FROM deals')).toEqual([
      { outcome: 'lost', reason: 'counter 200.00 EUR below the floor of 230.00' },
    ]);
    expect(rows(crm, 'SELECT status FROM leads')).toEqual([{ status: 'lost' }]);
  }, 40_000);

  it('answers a question with the same offer and a note', async () => {
    const bot = await vendor(['--timeout', '30']);
    const { intent } = await buyer.cast(stay());
    const offers = buyer.offers(intent.id, { signal })[Symbol.asyncIterator]();
    const offer = await next(offers, 'the offer');
    const { message: question } = await buyer.ask(offer, 'Is there parking?');
    const answer = await next(offers, 'the answer');
    expect(answer.ref).toBe(question.id);
    expect(answer.opened).toEqual({ price: EUR('278.00') });
    expect(answer.body.note).toBe(
      'Double room with a river view, breakfast included. The front desk answers anything else.',
    );
    bot.child.kill('SIGTERM');
    expect(await bot.exit()).toBe(0);
    expect(lines(bot.stdout(), 'answer')).toEqual([
      'AZ-DBL-RIVER: "Is there parking?" answered with the same offer',
    ]);
    expect(rows(crm, 'SELECT id, decision, detail FROM replies')).toEqual([
      { id: question.id, decision: 'question', detail: 'Is there parking?' },
    ]);
    expect(rows(crm, 'SELECT revision, answers FROM offers ORDER BY revision')).toEqual([
      { revision: 0, answers: null },
      { revision: 1, answers: question.id },
    ]);
    expect(rows(crm, 'SELECT status FROM opportunities')).toEqual([{ status: 'open' }]);
  }, 40_000);

  it('picks up where it left off after a restart, with the same identity', async () => {
    const first = await vendor(['--timeout', '30']);
    const { intent } = await buyer.cast(stay());
    const offers = buyer.offers(intent.id, { signal })[Symbol.asyncIterator]();
    const offer = await next(offers, 'the offer');
    first.child.kill('SIGTERM');
    expect(await first.exit()).toBe(0);

    const second = await vendor(['--deals', '1', '--timeout', '30']);
    await buyer.counter(offer, { price: EUR('250.00') }, { seal: true });
    const revised = await next(offers, 'the revised offer');
    expect(revised.author).toBe(offer.author);
    expect(revised.opened).toEqual({ price: EUR('250.00') });
    await buyer.accept(revised);
    expect(await second.exit()).toBe(0);
    // The intent was replayed to the restarted bot, which knew it already: one lead, one first offer.
    expect(lines(second.stdout(), 'lead')).toEqual([]);
    expect(lines(second.stdout(), 'error')).toEqual([]);
    expect(rows(crm, 'SELECT revision, price FROM offers ORDER BY revision')).toEqual([
      { revision: 0, price: '278.00' },
      { revision: 1, price: '250.00' },
    ]);
    expect(rows(crm, 'SELECT outcome, price FROM deals')).toEqual([{ outcome: 'won', price: '250.00' }]);
  }, 40_000);

  it('stops with a clear message on a bad catalog or bad options', async () => {
    const catalog = join(data, 'catalog.csv');
    await writeFile(
      catalog,
      'sku,category,region,guests,description,price,floor,currency,capacity\n' +
        'A1,lodging.hotel,PT-11,2,A room,120.00,100.00,EUR,3\n' +
        'A2,lodging.hotel,PT-11,2,Another room,cheap,100.00,EUR,3\n',
    );
    const bad = run(VENDOR, ['--relay', relay.url, '--data', data, '--catalog', catalog]);
    expect(await bad.exit()).toBe(1);
    expect(bad.stderr()).toBe(
      `vendor: catalog ${catalog} line 3: "price" expected an amount such as 139.00, got "cheap"\n`,
    );
    const missing = run(VENDOR, ['--relay', relay.url, '--data', data, '--catalog', join(data, 'none.csv')]);
    expect(await missing.exit()).toBe(1);
    expect(missing.stderr()).toBe(`vendor: catalog ${join(data, 'none.csv')}: no such file\n`);
    const usage = run(VENDOR, ['--deals', 'all']);
    expect(await usage.exit()).toBe(2);
    expect(usage.stderr()).toBe('vendor: --deals: expected n > 0, got "all" (see --help)\n');
  });

  it('says when its relay cannot be reached, and goes on trying until it is stopped', async () => {
    // A port nobody listens on: the relay harness's, once that relay is closed.
    const gone = await startRelay();
    const url = gone.url;
    await gone.close();
    const bot = run(VENDOR, ['--relay', url, '--data', data, '--timeout', '3']);
    await bot.output(/^offline +http:\/\/127\.0\.0\.1:\d+: .*could not be reached/m, 5_000);
    expect(await bot.exit(10_000)).toBe(0);
    expect(bot.stdout()).toMatch(/stopped +0 won, 0 lost/);
  }, 20_000);
});
