// Invalid messages, part 2: what the JSON Schemas refuse.
import { core, PARTIES } from './common.mjs';
import { altered, didAround } from './invalid-helpers.mjs';
import { valid } from './story.mjs';

export function schemaCases(add) {
  const minimal = valid('intent-minimal');
  const full = valid('intent-full');
  const { buyerMinimal } = PARTIES;

  // Schema.
  add('schema-not-object', 'the message is an array', [minimal], 'ERR_SCHEMA', '', []);
  add(
    'schema-missing-offercap',
    'an intent without body.offerCap',
    altered('intent-minimal', (m) => {
      delete m.body.offerCap;
    }),
    'ERR_SCHEMA',
    '/body/offerCap',
    ['required'],
  );
  add(
    'schema-missing-sig',
    'no sig member',
    (() => {
      const { sig: _s, ...rest } = minimal;
      return rest;
    })(),
    'ERR_SCHEMA',
    '/sig',
    ['required'],
  );
  add(
    'schema-unknown-member',
    'a member the envelope does not define',
    altered('intent-minimal', (m) => {
      m.extra = true;
    }),
    'ERR_SCHEMA',
    '/extra',
    ['unknown-member'],
  );
  add(
    'schema-amount-number',
    'a budget amount as a JSON number instead of a string',
    altered('intent-full', (m) => {
      m.body.budget.max = 180;
    }),
    'ERR_SCHEMA',
    '/body/budget/max',
    ['amount'],
  );
  add(
    'schema-amount-exponent',
    'an amount in exponent form',
    altered('offer', (m) => {
      m.body.price.amount = '1.65e2';
    }),
    'ERR_SCHEMA',
    '/body/price/amount',
    ['amount'],
  );
  add(
    'schema-intent-with-ref',
    'an intent that names a ref',
    altered('intent-minimal', (m) => {
      m.ref = full.id;
    }),
    'ERR_SCHEMA',
    '/ref',
    [],
  );
  add(
    'schema-offer-without-thread',
    'an offer without thread',
    altered('offer', (m) => {
      delete m.thread;
    }),
    'ERR_SCHEMA',
    '/thread',
    ['required'],
  );
  add(
    'schema-id-uppercase',
    'the id in upper-case hex',
    { ...minimal, id: minimal.id.toUpperCase() },
    'ERR_SCHEMA',
    '/id',
    ['hex'],
  );
  add(
    'schema-accept-without-terms',
    'an accept that names no terms',
    altered('reply-accept', (m) => {
      delete m.body.terms;
    }),
    'ERR_SCHEMA',
    '/body/terms',
    ['reply'],
  );
  add(
    'schema-counter-on-accept',
    'an accept that carries counter terms',
    altered('reply-accept', (m) => {
      m.body.counter = { price: { amount: '1', currency: 'EUR' } };
    }),
    'ERR_SCHEMA',
    '/body',
    ['reply'],
  );
  add(
    'schema-offer-without-price',
    'an offer with neither price nor sealed',
    altered('offer', (m) => {
      delete m.body.price;
    }),
    'ERR_SCHEMA',
    '/body/price',
    ['offer'],
  );
  add(
    'schema-timestamp-form',
    'created with a space instead of T',
    altered('intent-minimal', (m) => {
      m.created = '2026-01-15 12:00:00Z';
    }),
    'ERR_SCHEMA',
    '/created',
    ['timestamp'],
  );
  add(
    'schema-timestamp-offset',
    'created with +00:00 instead of Z',
    altered('intent-minimal', (m) => {
      m.created = '2026-01-15T12:00:00+00:00';
    }),
    'ERR_SCHEMA',
    '/created',
    ['timestamp'],
  );
  add(
    'schema-nonce-short',
    'a nonce of 15 bytes',
    altered('intent-minimal', (m) => {
      m.nonce = m.nonce.slice(0, 30);
    }),
    'ERR_SCHEMA',
    '/nonce',
    [],
  );
  add(
    'schema-quantity-zero',
    'a quantity of 0',
    altered('intent-minimal', (m) => {
      m.body.what.quantity = 0;
    }),
    'ERR_SCHEMA',
    '/body/what/quantity',
    [],
  );
  add(
    'schema-ext-name',
    'an extension name that is not reverse-DNS',
    altered('intent-minimal', (m) => {
      m.ext = { loyalty: 1 };
    }),
    'ERR_SCHEMA',
    '/ext',
    ['ext'],
  );
  add(
    'schema-author-x25519',
    'an author that is an X25519 did:key',
    altered(
      'intent-minimal',
      (m) => {
        m.author = didAround(core.toHex(buyerMinimal.publicKey), 'ec01');
      },
      buyerMinimal.secretKey,
    ),
    'ERR_SCHEMA',
    '/author',
    ['key'],
  );
  // Lengths count code points, not UTF-16 code units (intent-astral-limits is at both limits).
  add(
    'schema-text-astral-too-long',
    'a description of 2,001 characters outside the BMP, one more than text allows',
    altered('intent-astral-limits', (m) => {
      m.body.what.description += '🥧';
    }),
    'ERR_SCHEMA',
    '/body/what/description',
    ['unicode', 'boundary'],
  );
  add(
    'schema-ext-name-astral-too-long',
    'an extension member name of 65 characters outside the BMP, one more than allowed',
    altered('intent-astral-limits', (m) => {
      m.ext = { 'org.example.names': { ['𝄞'.repeat(65)]: true } };
    }),
    'ERR_SCHEMA',
    '/ext/org.example.names',
    ['unicode', 'boundary', 'ext'],
  );

  // Patterns are anchored at the very ends: a final line feed never matches `$` (spec/validation.md, step 10).
  add(
    'schema-currency-newline',
    'a currency with a trailing line feed',
    altered('offer', (m) => {
      m.body.price.currency = 'EUR\n';
    }),
    'ERR_SCHEMA',
    '/body/price/currency',
    ['pattern', 'newline'],
  );
  add(
    'schema-nonce-newline',
    'a nonce with a trailing line feed',
    altered('intent-minimal', (m) => {
      m.nonce = `${m.nonce}\n`;
    }),
    'ERR_SCHEMA',
    '/nonce',
    ['pattern', 'newline'],
  );
  add(
    'schema-id-newline',
    'an id with a trailing line feed',
    { ...minimal, id: `${minimal.id}\n` },
    'ERR_SCHEMA',
    '/id',
    ['pattern', 'newline'],
  );
  add(
    'schema-thread-newline',
    'a thread with a trailing line feed',
    altered('offer', (m) => {
      m.thread = `${m.thread}\n`;
    }),
    'ERR_SCHEMA',
    '/thread',
    ['pattern', 'newline'],
  );

  add(
    'order-schema-before-signature',
    'an unknown member and a forged signature: the schema is checked first',
    {
      ...altered('intent-minimal', (m) => {
        m.extra = true;
      }),
      sig: '00'.repeat(64),
    },
    'ERR_SCHEMA',
    '/extra',
    ['order'],
  );
}
