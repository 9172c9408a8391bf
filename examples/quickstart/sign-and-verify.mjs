// Create a buyer key, sign an intent, and check it as a relay or vendor would.
// Run from the repository root after `npm install`: node examples/quickstart/sign-and-verify.mjs
import { createIntent, didKeyFromPublicKey, generateKeyPair, validateMessage } from '@intentcast/core';

// A fresh key for this intent only, so intents cannot be linked to each other or to the buyer.
const buyer = generateKeyPair();

const intent = createIntent(
  {
    what: { category: 'lodging.hotel', description: 'A quiet double room for two nights', quantity: 1 },
    where: { region: 'PT-11' },
    when: { start: '2027-03-12T14:00:00Z', end: '2027-03-14T11:00:00Z' },
    budget: { currency: 'EUR', max: '180.00' },
    terms: [
      {
        uri: 'https://customercommons.org/terms/nostalking',
        sha256: '5d41402abc4b2a76b9719d911017c592ae3c1b2c9e2cf4b3e4e4f3b2a1c0d9e8',
      },
    ],
    offerCap: 5,
  },
  buyer.secretKey,
);

console.log(`intent ${intent.id}`);
console.log(`by     ${didKeyFromPublicKey(buyer.publicKey)}`);

const check = validateMessage(JSON.stringify(intent));
console.log(check.ok ? 'valid' : `invalid: ${check.code} ${check.message}`);

const tampered = { ...intent, body: { ...intent.body, offerCap: 50 } };
const refused = validateMessage(tampered);
console.log(refused.ok ? 'tampered copy accepted?!' : `tampered copy refused: ${refused.code}`);
