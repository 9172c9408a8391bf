import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Buyer, MemoryKeystore, Vendor } from '../../client/src/index.js';
import { type ConsoleRelay, launchChromium, type RunningBrowser, startConsoleRelay } from './harness.js';

/**
 * The console in a real browser against a real relay: the feed shows what Node casts, live; a buyer
 * casts from the page, a vendor bot in this process answers with a sealed price, the page opens and
 * accepts it, and the accept is in the relay's store; the keys outlive a reload in IndexedDB.
 */

const RESULTS = fileURLToPath(new URL('../test-results/', import.meta.url));
const WAIT = 15_000;
const TERMS = { uri: 'https://terms.example/no-stalking', sha256: 'ab'.repeat(32) };
const quick = { backoff: { initialMs: 100, maxMs: 1_000 } };

let relay: ConsoleRelay;
let browser: RunningBrowser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  relay = await startConsoleRelay();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(WAIT);
  // Kept short: a failing schema compilation prints the whole generated function.
  page.on('pageerror', (err) => problems.push(`page error: ${err.message.slice(0, 300)}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text().slice(0, 300)}`);
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(relay.url) && !url.startsWith('data:')) problems.push(`request elsewhere: ${url}`);
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await relay?.close();
}, 60_000);

/** Rejects after `ms` with what was awaited, so no wait is unbounded. */
function within<T>(promise: Promise<T>, what: string, ms = WAIT): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The next item of a feed, within the wait. */
async function next<T>(items: AsyncIterator<T>, what: string): Promise<T> {
  const result = await within(items.next(), what);
  if (result.done) throw new Error(`the feed ended before ${what}`);
  return result.value;
}

/** Saves a screenshot of the whole page in test-results/ and says where. */
async function screenshot(name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, name);
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
}

/** Runs a test body; on failure, saves a screenshot and says where, with what the page reported. */
async function screenshotOnFailure(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    mkdirSync(RESULTS, { recursive: true });
    const path = join(RESULTS, `${name}-failure.png`);
    await page.screenshot({ path, fullPage: true, timeout: 5_000 }).catch(() => {});
    console.error(`screenshot of the failure: ${path}\n${problems.join('\n')}`);
    throw err;
  }
}

/** Fills the cast form of the buyer page. */
async function fillCastForm(page: Page, change: { region: string }): Promise<void> {
  await page.getByLabel('Category').fill('lodging.hotel');
  await page.getByLabel('Description').fill('A double room with azulejo tiles, two nights');
  await page.getByLabel('Region').fill(change.region);
  await page.getByLabel('Currency').fill('EUR');
  await page.getByLabel('Budget up to').fill('180.00');
  await page.getByLabel('Terms URI').fill(TERMS.uri);
  await page.getByLabel('Terms SHA-256').fill(TERMS.sha256);
}

const intentInput = (description: string, category = 'lodging.hotel') => ({
  what: { category, description, quantity: 1 },
  where: { region: 'PT-11' },
  budget: { currency: 'EUR', max: '180.00' },
  terms: [TERMS],
});

describe('the console in Chromium', () => {
  test('the feed lists public intents cast from Node: those stored before, and new ones live', async () => {
    await screenshotOnFailure('feed', async () => {
      const buyer = new Buyer({ relays: [relay.url], keystore: new MemoryKeystore(), ...quick });
      const { intent: before } = await buyer.cast(intentInput('A quiet room by the river, cast before'));
      await page.goto(`${relay.url}/#/feed`);
      await page.locator(`article[data-intent-id="${before.id}"]`).waitFor();
      const stats = page.locator('[data-stats]');
      await expect.poll(() => stats.textContent(), { timeout: WAIT }).toMatch(/Messages stored\s*1(?!\d)/);
      const relayKey = await page.locator('.info dd code').first().getAttribute('title');
      expect(relayKey).toMatch(/^did:key:z6Mk/);

      const { intent: live } = await buyer.cast(intentInput('A boat trip on the river, cast live', 'travel'));
      const card = page.locator(`li.fresh article[data-intent-id="${live.id}"]`);
      await card.waitFor();
      expect(await card.textContent()).toContain('A boat trip on the river, cast live');
      await expect.poll(() => stats.textContent(), { timeout: WAIT }).toMatch(/Messages stored\s*2(?!\d)/);

      await page.getByLabel('Category').fill('travel');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.locator(`article[data-intent-id="${before.id}"]`).waitFor({ state: 'detached' });
      await page.locator(`article[data-intent-id="${live.id}"]`).waitFor();
      await buyer.close();
      await screenshot('console-feed.png');
    });
  }, 60_000);

  test('a buyer casts, sees a sealed offer opened, accepts it, and keeps its keys across a reload', async () => {
    const controller = new AbortController();
    const vendor = new Vendor({
      relays: [relay.url],
      keystore: new MemoryKeystore(),
      profile: { name: 'Casa Azul', url: 'https://casa-azul.example' },
      policy: { acceptsTerms: (terms) => terms.uri === TERMS.uri },
      ...quick,
    });
    try {
      await screenshotOnFailure('buyer', async () => {
        const { signal } = controller;
        const intents = vendor.intents({ q: 'azulejo' }, { signal })[Symbol.asyncIterator]();
        const replies = vendor.replies({ signal })[Symbol.asyncIterator]();

        await page.getByRole('link', { name: 'Buyer' }).click();
        // Bad input is refused in the page, before anything is stored or sent, with core's code and path.
        await fillCastForm(page, { region: 'Lisbon' });
        await page.getByRole('button', { name: 'Sign and cast' }).click();
        const refusal = page.locator('[role="alert"][data-code]');
        await refusal.waitFor();
        expect(await refusal.getAttribute('data-code')).toMatch(/^ERR_[A-Z_]+$/);
        expect(await refusal.textContent()).toContain('/body/where/region');

        await fillCastForm(page, { region: 'PT-11' });
        await page.getByRole('button', { name: 'Sign and cast' }).click();
        await page.waitForURL(/#\/buyer\/[0-9a-f]{64}$/);
        const intentId = new URL(page.url()).hash.slice('#/buyer/'.length);
        await page.locator('[data-thread-state="open"]').waitFor();

        // The vendor bot sees the intent on its stream and offers with a price only the buyer can read.
        const seen = await next(intents, 'the intent on the vendor stream');
        expect(seen.id).toBe(intentId);
        await vendor.offer(seen, {
          price: { amount: '139.00', currency: 'EUR' },
          description: 'Room 12, tiled, river view',
          quantity: 1,
          sealPrice: true,
        });
        const first = page.locator('article.offer').nth(0);
        await first.waitFor();
        expect(await first.locator('[data-price]').textContent()).toBe(
          '139.00 EUR (sealed; opened in this browser)',
        );
        await expect
          .poll(() => page.locator('#announcer').textContent(), { timeout: WAIT })
          .toBe('New offer from Casa Azul: 139.00 EUR (sealed; opened in this browser)');

        // A counter goes sealed to the offer's key: the vendor opens the price, and revises.
        await first.getByLabel('Counter price').fill('125.00');
        await first.getByRole('button', { name: 'Counter' }).click();
        const counter = await next(replies, 'the counter in the vendor mailbox');
        expect(counter.body).toMatchObject({ decision: 'counter', sealed: expect.any(String) });
        expect(counter.opened?.counter?.price).toEqual({ amount: '125.00', currency: 'EUR' });
        await vendor.revise(counter, { price: { amount: '129.00', currency: 'EUR' }, sealPrice: true });
        const card = page.locator('article.offer').nth(1);
        await card.waitFor();
        expect(await card.locator('[data-price]').textContent()).toBe(
          '129.00 EUR (sealed; opened in this browser)',
        );
        // The first offer is replaced: it can no longer be accepted or countered, and says why.
        await expect
          .poll(() => first.getByRole('button', { name: 'Accept' }).isDisabled(), { timeout: WAIT })
          .toBe(true);
        expect(await first.getByRole('button', { name: 'Counter' }).isDisabled()).toBe(true);
        expect(await first.locator('.outcome').textContent()).toBe('Replaced by the revised offer below.');
        expect(await card.getByRole('button', { name: 'Accept' }).isDisabled()).toBe(false);

        await card.getByRole('button', { name: 'Accept' }).click();
        await page.locator('[data-thread-state="accepted"]').waitFor();
        const reply = await next(replies, 'the accept in the vendor mailbox');
        expect(reply.body.decision).toBe('accept');

        // The relay holds the accept, signed by the key the page made for this intent.
        const thread = await relay.store.getThread(intentId);
        const accept = thread?.messages.find(
          (m) => m.message.type === 'reply' && m.message.body.decision === 'accept',
        );
        expect(accept?.message).toMatchObject({
          author: thread?.intent.message.author,
          ref: (await card.getAttribute('data-offer-id')) as string,
          body: { decision: 'accept', terms: TERMS },
        });

        await vendor.confirm(reply, { reference: 'BK-2041' });
        await page.locator('[data-thread-state="closed"]').waitFor();
        expect(await page.locator('[data-confirm-id]').textContent()).toContain('BK-2041');

        await screenshot('console-buyer.png');

        // IndexedDB kept the key: after a reload the same intent is listed with the same key, and reopens.
        const author = thread?.intent.message.author as string;
        await page.reload();
        const mine = page.locator(`ul.mine li[data-intent-id="${intentId}"]`);
        await mine.waitFor();
        expect(await mine.locator('[data-author]').getAttribute('data-author')).toBe(author);
        await page.locator('[data-thread-state="closed"]').waitFor();
        await page.locator('article.offer').nth(1).waitFor();
        const secret = await page.evaluate(storedSecret, intentId);
        expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
        const stored = await relay.store.getThread(intentId);
        const texts = [stored!.intent, ...stored!.messages].map((m) => JSON.stringify(m.message));
        for (const text of texts) expect(text).not.toContain(secret);

        expect(problems).toEqual([]);
      });
    } finally {
      controller.abort();
      await vendor.close();
    }
  }, 90_000);
});

/** In the page: the secret half of the intent's signing key, read back from the console's IndexedDB. */
function storedSecret(intentId: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('intentcast-console');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('keys').objectStore('keys').get(`intent.${intentId}`);
      get.onerror = () => reject(get.error);
      get.onsuccess = () => resolve((get.result as { signingKey: { d: string } }).signingKey.d);
    };
  });
}
