#!/usr/bin/env node
/**
 * Makes the example messages of spec/*.md: real, signed, reproducible. Fixed seeds, fixed times and fixed
 * nonces give the same bytes on every run. Uses the built core (packages/core/dist), so build it first.
 *
 *   node scripts/spec-examples.mjs           prints every example as a fenced block, under its name
 *   node scripts/spec-examples.mjs --json    prints { name: text } as JSON
 *   node scripts/spec-examples.mjs --check   fails unless every example appears, byte for byte, in spec/
 *
 * The test packages/core/test/spec-examples.test.ts checks that each block in the spec validates; --check
 * adds that the blocks are still what these seeds and times produce.
 */
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  canonicalBytes,
  checkThreadMessage,
  createConfirm,
  createIntent,
  createOffer,
  createReply,
  createWithdraw,
  didKeyFromPublicKey,
  fromUtf8,
  jwkFromKeyPair,
  keyPairFromSecretKey,
  messageId,
  messageSigningInput,
  nobleBackend,
  toHex,
} from '../packages/core/dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Test keys only: a seed of 32 equal bytes is public knowledge. */
const seed = (n) => new Uint8Array(32).fill(n);
const buyer = keyPairFromSecretKey(seed(1));
const vendorA = keyPairFromSecretKey(seed(2));
const vendorB = keyPairFromSecretKey(seed(3));
const buyer2 = keyPairFromSecretKey(seed(5)); // the same buyer's fresh key for another intent

const sha256hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
/** A nonce that looks random but is the same on every run. */
const nonce = (label) => sha256hex(`nonce:${label}`).slice(0, 32);
const at = (iso) => Date.parse(iso);

/** The two personal-terms documents of the examples, exactly as spec/values.md shows them. */
export const TERMS_DOCUMENTS = {
  nostalking:
    'Example personal terms: no stalking, version 1.0\n' +
    'The vendor uses what this intent discloses only to answer it and to\n' +
    'deliver an accepted offer. The vendor does not track the buyer, build\n' +
    'a profile of the buyer, or pass the data to anyone else.\n',
  noresale:
    'Example personal terms: no resale, version 1.0\n' +
    'The vendor does not sell or give away any data about the buyer.\n',
};
const terms = {
  nostalking: {
    uri: 'https://terms.example.org/nostalking/1.0.txt',
    sha256: sha256hex(TERMS_DOCUMENTS.nostalking),
  },
  noresale: { uri: 'urn:example:terms:noresale-1.0', sha256: sha256hex(TERMS_DOCUMENTS.noresale) },
};

/** An X25519 public key as a JWK, from a fixed private key (RFC 8410 PKCS#8 wrapping). */
function x25519Jwk(n) {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), Buffer.alloc(32, n)]);
  const { kty, crv, x } = createPublicKey(
    createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
  ).export({ format: 'jwk' });
  return { kty, crv, x };
}

const window = { start: '2026-04-10T14:00:00Z', end: '2026-04-13T11:00:00Z' };

const intent = createIntent(
  {
    what: {
      category: 'lodging.hotel',
      description: 'A quiet double room for three nights near the river, with a late check-in.',
      attributes: { guests: 2, beds: 1, breakfast: true, 'check-in.latest': '23:30' },
      quantity: 1,
    },
    where: { region: 'PT-11', geo: { lat: 38.7075, lon: -9.1365, radiusKm: 3 } },
    when: window,
    budget: { currency: 'EUR', min: '300.00', max: '540.00' },
    terms: [terms.nostalking, terms.noresale],
    offerCap: 5,
    sealKey: x25519Jwk(11),
  },
  buyer.secretKey,
  { now: at('2026-03-02T09:00:00Z'), nonce: nonce('intent') },
);

const offerA1 = createOffer(
  intent,
  {
    description: 'Double room facing the courtyard, three nights, breakfast included.',
    price: { amount: '495.00', currency: 'EUR' },
    quantity: 1,
    when: window,
    terms: terms.nostalking,
    vendor: { name: 'Casa do Rio', url: 'https://casadorio.example' },
    note: 'The reception is open until midnight.',
  },
  vendorA.secretKey,
  { now: at('2026-03-02T09:40:00Z'), nonce: nonce('offerA1') },
);

const offerB = createOffer(
  intent,
  {
    description: 'Superior double room with a river view, three nights.',
    price: { amount: '530.00', currency: 'EUR' },
    quantity: 1,
    when: window,
    terms: terms.noresale,
    vendor: { name: 'Hotel Tejo Azul' },
  },
  vendorB.secretKey,
  { now: at('2026-03-02T10:05:00Z'), nonce: nonce('offerB') },
);

const decline = createReply(
  offerB,
  { decision: 'decline', reason: 'price', text: 'Thank you; this is more than I want to spend.' },
  buyer.secretKey,
  { now: at('2026-03-02T11:00:00Z'), nonce: nonce('decline') },
);

const question = createReply(
  offerA1,
  { decision: 'question', text: 'Is a room facing the river free on these dates?' },
  buyer.secretKey,
  { now: at('2026-03-02T11:05:00Z'), nonce: nonce('question') },
);

const offerA2 = createOffer(
  question,
  {
    description: 'Double room facing the river, three nights, breakfast included.',
    price: { amount: '510.00', currency: 'EUR' },
    quantity: 1,
    when: window,
    terms: terms.nostalking,
    vendor: { name: 'Casa do Rio', url: 'https://casadorio.example' },
    note: 'One river room is still free on these dates.',
  },
  vendorA.secretKey,
  { now: at('2026-03-02T12:30:00Z'), nonce: nonce('offerA2') },
);

const counter = createReply(
  offerA2,
  { decision: 'counter', counter: { price: { amount: '460.00', currency: 'EUR' } } },
  buyer.secretKey,
  { now: at('2026-03-02T13:10:00Z'), nonce: nonce('counter') },
);

const offerA3 = createOffer(
  counter,
  {
    description: 'Double room facing the river, three nights, breakfast included.',
    price: { amount: '475.00', currency: 'EUR' },
    quantity: 1,
    when: window,
    terms: terms.nostalking,
    vendor: { name: 'Casa do Rio', url: 'https://casadorio.example' },
    note: 'Our best price for these dates; it holds for two days.',
  },
  vendorA.secretKey,
  { now: at('2026-03-02T14:00:00Z'), expires: at('2026-03-04T14:00:00Z'), nonce: nonce('offerA3') },
);

const accept = createReply(offerA3, { decision: 'accept', terms: terms.nostalking }, buyer.secretKey, {
  now: at('2026-03-02T18:20:00Z'),
  nonce: nonce('accept'),
});

const confirm = createConfirm(
  accept,
  { reference: 'CDR-2026-0410-17', text: 'Booked. We look forward to your stay.' },
  vendorA.secretKey,
  { now: at('2026-03-02T18:25:00Z'), nonce: nonce('confirm') },
);

/** Two alternative endings, each valid at its time in place of the rest of the thread. */
const withdrawOffer = createWithdraw(
  offerA1,
  { reason: 'dates', text: 'The room has just been booked by a guest at the desk.' },
  vendorA.secretKey,
  { now: at('2026-03-02T11:30:00Z'), nonce: nonce('withdrawOffer') },
);
const withdrawIntent = createWithdraw(intent, { reason: 'no-longer-needed' }, buyer.secretKey, {
  now: at('2026-03-02T12:00:00Z'),
  nonce: nonce('withdrawIntent'),
});

/** The same buyer's next intent, under a fresh key, with an extension field. */
const laptop = createIntent(
  {
    what: {
      category: 'electronics.laptop',
      description: 'A refurbished 14-inch laptop with at least 16 GB of memory.',
      quantity: 1,
    },
    where: { region: 'PT' },
    budget: { currency: 'EUR', max: '650' },
    terms: [terms.nostalking],
    offerCap: 3,
  },
  buyer2.secretKey,
  {
    now: at('2026-03-05T08:00:00Z'),
    expires: at('2026-03-19T08:00:00Z'),
    nonce: nonce('laptop'),
    ext: { 'org.example.loyalty': { programme: 'green-points', member: true } },
  },
);

/** Signs a message without checking it, to show messages that are refused at a later step. */
function signUnchecked(message, secretKey) {
  const id = messageId(message);
  const sig = toHex(nobleBackend.sign(messageSigningInput(id), secretKey));
  return { ...message, id, sig };
}

const { id: _i, sig: _s, ...laptopUnsigned } = laptop;
const badBudget = signUnchecked(
  {
    ...laptopUnsigned,
    body: { ...laptopUnsigned.body, budget: { currency: 'EUR', min: '700', max: '650' } },
  },
  buyer2.secretKey,
);
const tampered = { ...laptop, body: { ...laptop.body, offerCap: 30 } };
const flippedSig = { ...laptop, sig: laptop.sig.slice(0, -1) + (laptop.sig.endsWith('0') ? '1' : '0') };

/** Lifecycle sanity: the main thread is valid in order, and each alternative ending at its time. */
function checkThread() {
  const main = [offerA1, offerB, decline, question, offerA2, counter, offerA3, accept, confirm];
  for (let i = 0; i < main.length; i++) {
    const verdict = checkThreadMessage(
      { intent, messages: main.slice(0, i) },
      main[i],
      Date.parse(main[i].created),
    );
    if (!verdict.ok) throw new Error(`thread example ${i}: ${verdict.code} ${verdict.message}`);
  }
  for (const [message, before] of [
    [withdrawOffer, [offerA1, offerB, decline, question]],
    [withdrawIntent, [offerA1, offerB, decline, question]],
  ]) {
    const verdict = checkThreadMessage({ intent, messages: before }, message, Date.parse(message.created));
    if (!verdict.ok) throw new Error(`alternative ending: ${verdict.code} ${verdict.message}`);
  }
}

const pretty = (value) => JSON.stringify(value, null, 2);
const block = (info, text) => `\`\`\`${info}\n${text}\n\`\`\``;

const laptopWorked = [
  `seed:          ${toHex(buyer2.secretKey)}`,
  `public key:    ${toHex(buyer2.publicKey)}`,
  `author:        ${laptop.author}`,
  `canonical:     ${fromUtf8(canonicalBytes(laptop))}`,
  `id:            ${laptop.id}`,
  `signing input: ${toHex(messageSigningInput(laptop.id))}`,
  `sig:           ${laptop.sig}`,
].join('\n');

export const EXAMPLES = {
  intent: block('json example', pretty(intent)),
  offerA1: block('json example', pretty(offerA1)),
  offerB: block('json example', pretty(offerB)),
  decline: block('json example', pretty(decline)),
  question: block('json example', pretty(question)),
  offerA2: block('json example', pretty(offerA2)),
  counter: block('json example', pretty(counter)),
  offerA3: block('json example', pretty(offerA3)),
  accept: block('json example', pretty(accept)),
  confirm: block('json example', pretty(confirm)),
  withdrawOffer: block('json example', pretty(withdrawOffer)),
  withdrawIntent: block('json example', pretty(withdrawIntent)),
  laptop: block('json example', pretty(laptop)),
  badBudget: block('json example ERR_AMOUNT_RANGE', pretty(badBudget)),
  tampered: block('json example ERR_ID_MISMATCH', pretty(tampered)),
  flippedSig: block('json example ERR_SIGNATURE_INVALID', pretty(flippedSig)),
  laptopWorked: block('text worked-example', laptopWorked),
  buyerJwk: block(`json jwk ${intent.author}`, pretty(jwkFromKeyPair(buyer))),
  buyerPublicJwk: block(`json jwk ${intent.author}`, pretty(jwkFromKeyPair({ publicKey: buyer.publicKey }))),
  termsNostalking: block(
    `text terms-document ${terms.nostalking.sha256}`,
    TERMS_DOCUMENTS.nostalking.trimEnd(),
  ),
  termsNoresale: block(`text terms-document ${terms.noresale.sha256}`, TERMS_DOCUMENTS.noresale.trimEnd()),
  seedDid: block(
    'text seed-did',
    [buyer, vendorA, vendorB, buyer2]
      .map((key) => `${toHex(key.secretKey)} ${didKeyFromPublicKey(key.publicKey)}`)
      .join('\n'),
  ),
};

function check() {
  const dir = join(root, 'spec');
  const spec = readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
  const missing = Object.entries(EXAMPLES)
    .filter(([, text]) => !spec.includes(text))
    .map(([name]) => name);
  if (missing.length > 0) {
    console.error(`spec/ does not hold the current form of: ${missing.join(', ')}`);
    process.exit(1);
  }
  console.log(`all ${Object.keys(EXAMPLES).length} examples are in spec/ as generated`);
}

checkThread();
if (process.argv.includes('--check')) check();
else if (process.argv.includes('--json')) console.log(JSON.stringify(EXAMPLES, null, 2));
else for (const [name, text] of Object.entries(EXAMPLES)) console.log(`<!-- ${name} -->\n${text}\n`);
