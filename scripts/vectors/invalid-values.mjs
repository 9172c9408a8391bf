// Invalid messages, part 3: values the schemas cannot check, keys, the id, the signature and time.
import {
  addOrderToS,
  core,
  DAY,
  forceSign,
  MINUTE,
  PARTIES,
  sha256,
  sha256Hex,
  T0,
  ts,
  unsigned,
} from './common.mjs';
import { altered, didAround } from './invalid-helpers.mjs';
import { valid } from './story.mjs';

export function valueCases(add) {
  const minimal = valid('intent-minimal');
  const full = valid('intent-full');
  const offer = valid('offer');
  const { buyer, vendorA, buyerMinimal } = PARTIES;

  // Values the schema cannot check.
  add(
    'time-invalid-day',
    'created on 30 February',
    altered('intent-minimal', (m) => {
      m.created = '2026-02-30T12:00:00Z';
      m.expires = '2026-03-05T12:00:00Z';
    }),
    'ERR_TIME_INVALID',
    '/created',
    ['timestamp'],
    '2026-03-01T12:00:00Z',
  );
  add(
    'time-invalid-year-zero',
    'created in the year 0000, which RFC 3339 does not have (years run from 0001)',
    altered('intent-minimal', (m) => {
      m.created = '0000-12-31T12:00:00Z';
      m.expires = '0001-01-01T12:00:00Z';
    }),
    'ERR_TIME_INVALID',
    '/created',
    ['timestamp', 'boundary'],
    '0001-01-01T00:00:00Z',
  );
  add(
    'time-invalid-leap',
    'a window that starts on 29 February of a year that is not a leap year',
    altered('intent-full', (m) => {
      m.body.when = { start: '2027-02-29T14:00:00Z', end: '2027-03-02T11:00:00Z' };
    }),
    'ERR_TIME_INVALID',
    '/body/when/start',
    ['timestamp'],
  );
  add(
    'time-range-order',
    'expires before created',
    altered('intent-minimal', (m) => {
      m.expires = '2026-01-15T11:59:59Z';
    }),
    'ERR_TIME_RANGE',
    '/expires',
    [],
  );
  add(
    'time-range-equal',
    'expires equal to created',
    altered('intent-minimal', (m) => {
      m.expires = m.created;
    }),
    'ERR_TIME_RANGE',
    '/expires',
    ['boundary'],
  );
  add(
    'time-range-lifetime',
    'expires 366 days and 1 second after created',
    altered('intent-minimal', (m) => {
      m.expires = ts(T0 + 366 * DAY + 1000);
    }),
    'ERR_TIME_RANGE',
    '/expires',
    ['boundary'],
  );
  add(
    'time-range-window',
    'an offer window that ends when it starts',
    altered('offer', (m) => {
      m.body.when.end = m.body.when.start;
    }),
    'ERR_TIME_RANGE',
    '/body/when/end',
    [],
  );
  add(
    'time-range-counter-window',
    'a counter window that ends before it starts',
    altered('reply-counter', (m) => {
      m.body.counter.when = { start: '2026-02-12T11:00:00Z', end: '2026-02-10T14:00:00Z' };
    }),
    'ERR_TIME_RANGE',
    '/body/counter/when/end',
    ['reply'],
  );
  add(
    'amount-range',
    'a budget min of 100.5 above a max of 100.25',
    altered('intent-full', (m) => {
      m.body.budget.min = '100.5';
      m.body.budget.max = '100.25';
    }),
    'ERR_AMOUNT_RANGE',
    '/body/budget/min',
    [],
  );
  add(
    'amount-range-digits',
    'a budget min of 10 above a max of 9.99 (a string comparison gets this wrong)',
    altered('intent-full', (m) => {
      m.body.budget.min = '10';
      m.body.budget.max = '9.99';
    }),
    'ERR_AMOUNT_RANGE',
    '/body/budget/min',
    [],
  );

  add(
    'time-invalid-expires',
    'expires on 31 April',
    altered('intent-minimal', (m) => {
      m.expires = '2026-04-31T12:00:00Z';
    }),
    'ERR_TIME_INVALID',
    '/expires',
    ['timestamp'],
  );
  add(
    'order-times-before-seal-key',
    'expires before created and a seal key of small order: the envelope times are checked first',
    altered('intent-full', (m) => {
      m.expires = '2026-01-15T11:00:00Z';
      m.body.sealKey = { ...m.body.sealKey, x: core.toBase64url(new Uint8Array(32)) };
    }),
    'ERR_TIME_RANGE',
    '/expires',
    ['order'],
  );
  add(
    'order-seal-key-before-window',
    'a seal key of small order and a window that ends before it starts: the seal key is checked first',
    altered('intent-full', (m) => {
      m.body.sealKey = { ...m.body.sealKey, x: core.toBase64url(new Uint8Array(32)) };
      m.body.when = { start: m.body.when.end, end: m.body.when.start };
    }),
    'ERR_KEY_INVALID',
    '/body/sealKey/x',
    ['order', 'seal-key'],
  );
  add(
    'order-amount-before-author',
    'a budget min above its max and an author key of small order: the amounts are checked first',
    altered(
      'intent-full',
      (m) => {
        m.body.budget.min = '200';
        m.author = didAround(`01${'00'.repeat(31)}`);
      },
      buyer.secretKey,
    ),
    'ERR_AMOUNT_RANGE',
    '/body/budget/min',
    ['order'],
  );

  // Keys, id and signature.
  add(
    'key-seal-small-order',
    'an intent whose sealKey is u = 0, a point of small order',
    altered('intent-full', (m) => {
      m.body.sealKey = { ...m.body.sealKey, x: core.toBase64url(new Uint8Array(32)) };
    }),
    'ERR_KEY_INVALID',
    '/body/sealKey/x',
    ['seal-key'],
  );
  add(
    'key-seal-order-eight',
    'an offer whose sealKey is a point of order 8',
    altered('offer', (m) => {
      m.body.sealKey = {
        ...m.body.sealKey,
        x: core.toBase64url(core.fromHex('e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800')),
      };
    }),
    'ERR_KEY_INVALID',
    '/body/sealKey/x',
    ['seal-key', 'small-order'],
  );
  add(
    'key-seal-not-canonical',
    'an offer whose sealKey is u = 2^255 - 19 + 9, a non-canonical form of the base point',
    altered('offer', (m) => {
      m.body.sealKey = {
        ...m.body.sealKey,
        x: core.toBase64url(core.fromHex(`f6${'ff'.repeat(30)}7f`)),
      };
    }),
    'ERR_KEY_INVALID',
    '/body/sealKey/x',
    ['seal-key', 'non-canonical'],
  );
  add(
    'order-author-before-id',
    'an author key of small order and an id that does not match: the author key is checked first',
    {
      ...altered(
        'intent-minimal',
        (m) => {
          m.author = didAround(`01${'00'.repeat(31)}`);
        },
        buyerMinimal.secretKey,
      ),
      id: minimal.id,
    },
    'ERR_KEY_INVALID',
    '/author',
    ['order'],
  );
  add(
    'key-small-order',
    'the author key is the identity point, of small order',
    altered(
      'intent-minimal',
      (m) => {
        m.author = didAround(`01${'00'.repeat(31)}`);
      },
      buyerMinimal.secretKey,
    ),
    'ERR_KEY_INVALID',
    '/author',
    ['key'],
  );
  add(
    'key-bad-multicodec',
    'the did:key holds the multicodec 0xed 0x00, not 0xed 0x01',
    altered(
      'intent-minimal',
      (m) => {
        m.author = didAround(core.toHex(buyerMinimal.publicKey), 'ed00');
      },
      buyerMinimal.secretKey,
    ),
    'ERR_KEY_INVALID',
    '/author',
    ['key'],
  );
  add(
    'key-off-curve',
    'the author key is not a point of the curve',
    altered(
      'intent-minimal',
      (m) => {
        m.author = didAround(`02${'00'.repeat(31)}`);
      },
      buyerMinimal.secretKey,
    ),
    'ERR_KEY_INVALID',
    '/author',
    ['key'],
  );
  add(
    'id-tampered',
    'the price was changed after signing',
    { ...offer, body: { ...offer.body, price: { amount: '16.50', currency: 'EUR' } } },
    'ERR_ID_MISMATCH',
    '/id',
    ['tampered'],
  );
  add(
    'id-tampered-ext',
    'an extension value was changed after signing',
    { ...full, ext: { 'org.example.loyalty': { program: 'riverside', member: true, visits: 30 } } },
    'ERR_ID_MISMATCH',
    '/id',
    ['tampered', 'ext'],
  );
  const prettyId = core.toHex(sha256(JSON.stringify(unsigned(minimal), null, 2)));
  add(
    'id-not-canonical',
    'id and signature over the pretty-printed text instead of the canonical form',
    forceSign(unsigned(minimal), buyerMinimal.secretKey, { id: prettyId }),
    'ERR_ID_MISMATCH',
    '/id',
    ['canonical'],
  );
  add(
    'signature-forged',
    'a signature of random-looking bytes',
    { ...minimal, sig: sha256Hex('a forged signature, R') + sha256Hex('a forged signature, S') },
    'ERR_SIGNATURE_INVALID',
    '/sig',
    ['forged'],
  );
  add(
    'signature-other-key',
    "the correct id, signed by vendor A's key instead of the buyer's",
    forceSign(unsigned(full), vendorA.secretKey),
    'ERR_SIGNATURE_INVALID',
    '/sig',
    ['wrong-key'],
  );
  add(
    'signature-no-label',
    'the raw id bytes signed, without the domain label',
    forceSign(unsigned(full), buyer.secretKey, { signingInput: core.fromHex(full.id) }),
    'ERR_SIGNATURE_INVALID',
    '/sig',
    ['domain-separation'],
  );
  add(
    'signature-receipt-purpose',
    'the id signed for the "receipt" purpose',
    forceSign(unsigned(full), buyer.secretKey, {
      signingInput: core.signingInput('receipt', core.fromHex(full.id)),
    }),
    'ERR_SIGNATURE_INVALID',
    '/sig',
    ['domain-separation'],
  );
  add(
    'signature-s-not-reduced',
    'the valid signature with L added to S',
    { ...full, sig: addOrderToS(full.sig) },
    'ERR_SIGNATURE_INVALID',
    '/sig',
    ['malleability'],
  );
  add(
    'order-signature-before-expiry',
    'a forged signature on an expired message: the signature is checked first',
    { ...minimal, sig: '00'.repeat(64) },
    'ERR_SIGNATURE_INVALID',
    '/sig',
    ['order'],
    '2026-02-01T00:00:00Z',
  );

  // Time, judged at the index entry's `now`.
  add(
    'expired',
    'checked one second after it expired',
    minimal,
    'ERR_EXPIRED',
    '/expires',
    [],
    ts(Date.parse(minimal.expires) + 1000),
  );
  add(
    'expired-boundary',
    'checked at the very second it expires: expires is exclusive',
    minimal,
    'ERR_EXPIRED',
    '/expires',
    ['boundary'],
    minimal.expires,
  );
  add(
    'not-yet-valid',
    'checked ten minutes before it was created',
    minimal,
    'ERR_NOT_YET_VALID',
    '/created',
    [],
    ts(T0 - 10 * MINUTE),
  );
  add(
    'not-yet-valid-boundary',
    'created 5 minutes and 1 second after the check: beyond the allowed skew',
    minimal,
    'ERR_NOT_YET_VALID',
    '/created',
    ['boundary'],
    ts(T0 - 5 * MINUTE - 1000),
  );
}
