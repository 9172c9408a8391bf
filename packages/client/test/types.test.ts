import type {
  Confirm,
  CounterTerms,
  Intent,
  IntentcastError,
  Offer,
  Reply,
  SealedContent,
  TermsRef,
  WebhookEvent,
  WebhookHeaderInput,
  Withdraw,
} from '@intentcast/core';
import type { Dispatcher } from 'undici';
import { describe, expectTypeOf, it } from 'vitest';
import type * as browser from '../src/browser.js';
import type {
  Buyer,
  BuyerOptions,
  CastResult,
  Feed,
  FileKeystore,
  IndexedDbKeystore,
  InvalidMessage,
  KeyRecord,
  Keystore,
  MemoryKeystore,
  Published,
  Receipt,
  Received,
  RelayClient,
  RelayHealth,
  Vendor,
  VendorOptions,
} from '../src/index.js';

describe('the public types', () => {
  it('Buyer', () => {
    expectTypeOf<BuyerOptions['keystore']>().toEqualTypeOf<Keystore>();
    expectTypeOf<BuyerOptions['dispatcher']>().toEqualTypeOf<Dispatcher | undefined>();
    expectTypeOf<Buyer['cast']>().returns.resolves.toEqualTypeOf<CastResult>();
    expectTypeOf<CastResult['intent']>().toEqualTypeOf<Intent>();
    expectTypeOf<CastResult['receipts'][number]>().toEqualTypeOf<{ relay: string; receipt: Receipt }>();
    expectTypeOf<CastResult['failures'][number]['error']>().toEqualTypeOf<IntentcastError>();
    expectTypeOf<Buyer['offers']>().returns.toEqualTypeOf<Feed<Received<Offer>>>();
    expectTypeOf<Buyer['messages']>().returns.toEqualTypeOf<
      Feed<Received<Offer> | Received<Withdraw> | Received<Confirm>>
    >();
    expectTypeOf<Buyer['accept']>().returns.resolves.toEqualTypeOf<Published<Reply>>();
    expectTypeOf<Buyer['counter']>().parameter(1).toEqualTypeOf<CounterTerms>();
    expectTypeOf<Buyer['withdraw']>().returns.resolves.toEqualTypeOf<Published<Withdraw>>();
    expectTypeOf<Buyer['health']>().returns.toEqualTypeOf<RelayHealth[]>();
    // @ts-expect-error an intent names the buyer's terms
    const input: Parameters<Buyer['cast']>[0] = {
      what: { category: 'lodging', description: 'A room', quantity: 1 },
    };
    void input;
  });

  it('Received messages and feeds', () => {
    expectTypeOf<Received<Offer>['opened']>().toEqualTypeOf<SealedContent | undefined>();
    expectTypeOf<Received<Offer>['relay']>().toEqualTypeOf<string>();
    expectTypeOf<Received<Offer>['seq']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Received<Offer>>().toMatchTypeOf<Offer>();
    expectTypeOf<Feed<Received<Intent>>>().toMatchTypeOf<AsyncIterable<Received<Intent>>>();
    expectTypeOf<Feed<Intent>['cursors']>().returns.toEqualTypeOf<Record<string, number>>();
    expectTypeOf<InvalidMessage['code']>().toEqualTypeOf<IntentcastError['code']>();
  });

  it('Vendor', () => {
    expectTypeOf<VendorOptions['policy']['acceptsTerms']>().toEqualTypeOf<
      (terms: TermsRef, intent: Intent) => boolean
    >();
    expectTypeOf<Vendor['intents']>().returns.toEqualTypeOf<Feed<Received<Intent>>>();
    expectTypeOf<Vendor['offer']>().returns.resolves.toEqualTypeOf<Published<Offer>>();
    expectTypeOf<Vendor['revise']>().parameter(0).toEqualTypeOf<Offer | Reply>();
    expectTypeOf<Vendor['confirm']>().returns.resolves.toEqualTypeOf<Published<Confirm>>();
    expectTypeOf<Vendor['replies']>().returns.toEqualTypeOf<Feed<Received<Reply>>>();
    expectTypeOf<Vendor['webhookHandler']>().returns.toEqualTypeOf<
      (headers: WebhookHeaderInput, body: string | Uint8Array) => WebhookEvent
    >();
    expectTypeOf<Vendor['did']>().returns.resolves.toBeString();
  });

  it('keystores and transports', () => {
    expectTypeOf<MemoryKeystore>().toMatchTypeOf<Keystore>();
    expectTypeOf<FileKeystore>().toMatchTypeOf<Keystore>();
    expectTypeOf<IndexedDbKeystore>().toMatchTypeOf<Keystore>();
    expectTypeOf<KeyRecord['kind']>().toEqualTypeOf<'intent' | 'identity' | 'seal'>();
    expectTypeOf<RelayHealth['status']>().toEqualTypeOf<'unknown' | 'up' | 'down'>();
    expectTypeOf<RelayClient['publish']>().returns.resolves.toEqualTypeOf<Receipt>();
  });

  it('the browser entry has no Node options or keystore', () => {
    expectTypeOf<browser.BuyerOptions>().not.toHaveProperty('dispatcher');
    expectTypeOf<typeof browser>().not.toHaveProperty('FileKeystore');
    expectTypeOf<typeof browser>().toHaveProperty('IndexedDbKeystore');
    expectTypeOf<browser.Buyer['offers']>().toEqualTypeOf<Buyer['offers']>();
  });
});

describe('what the SDK passes on from core', () => {
  it('gives the message types, the typed error and amount comparison from the SDK itself', async () => {
    const sdk = await import('../src/index.js');
    expectTypeOf<import('../src/index.js').Offer>().toEqualTypeOf<Offer>();
    expectTypeOf<import('../src/browser.js').Intent>().toEqualTypeOf<Intent>();
    expectTypeOf(sdk.isIntentcastError).guards.toEqualTypeOf<IntentcastError>();
    expectTypeOf(sdk.compareAmounts).toEqualTypeOf<(a: string, b: string) => number>();
    const err = new sdk.IntentcastError('ERR_NOT_FOUND', 'no such thing');
    expectTypeOf(err.code).toEqualTypeOf<import('../src/index.js').ErrorCode>();
    // Values too, not only types: the same class, so instanceof works across the two imports.
    const core = await import('@intentcast/core');
    if (sdk.IntentcastError !== core.IntentcastError) throw new Error('a second IntentcastError class');
    if (sdk.compareAmounts('10.5', '9.99') !== 1) throw new Error('compareAmounts is not core’s');
  });
});
