// Valid intents that each show one more feature, and the withdrawal of one of them.
import { at, core, DAY, nonce, PARTIES, T0, TERMS } from './common.mjs';

const { buyerMinimal, buyerUnicode, buyerMillis } = PARTIES;

const opts = (label, created, expires) => ({
  now: created,
  ...(expires === undefined ? {} : { expires }),
  nonce: nonce(label),
});

/** Adds the intents with add(name, description, message, tags), which returns the message. */
export function moreIntents(add) {
  const minimal = add(
    'intent-minimal',
    'an intent with only the required fields',
    core.createIntent(
      {
        what: {
          category: 'electronics.laptop',
          description: 'A used laptop in good condition.',
          quantity: 1,
        },
        terms: [TERMS.noTracking],
        offerCap: 3,
      },
      buyerMinimal.secretKey,
      opts('intent-minimal', T0),
    ),
    ['intent', 'minimal'],
  );
  add(
    'intent-unicode',
    'an intent whose text is not ASCII: accents, a combining mark, an emoji outside the BMP',
    core.createIntent(
      {
        what: {
          category: 'food.bakery',
          description: 'Pastéis de nata para 12 pessoas — entrega em Alfama 🥧; café incluído? Çà et là.',
          quantity: 12,
        },
        where: { region: 'PT' },
        terms: [TERMS.noResale],
        offerCap: 10,
      },
      buyerUnicode.secretKey,
      opts('intent-unicode', T0, T0 + 2 * DAY),
    ),
    ['intent', 'unicode'],
  );
  add(
    'intent-astral-limits',
    'text and an extension member name at their limits in code points, with characters outside the BMP: a ' +
      'description of 2,000 (4,000 UTF-16 code units) and a name of 64',
    core.createIntent(
      {
        what: { category: 'food.bakery', description: '🥧'.repeat(2000), quantity: 1 },
        terms: [TERMS.noResale],
        offerCap: 2,
      },
      buyerUnicode.secretKey,
      {
        ...opts('intent-astral-limits', T0, T0 + 2 * DAY),
        ext: { 'org.example.names': { ['𝄞'.repeat(64)]: true } },
      },
    ),
    ['intent', 'unicode', 'boundary', 'ext'],
  );
  add(
    'intent-millis',
    'an intent with millisecond timestamps, a URN category and a geo circle only',
    core.signMessage(
      {
        protocol: 'intentcast/1',
        type: 'intent',
        created: '2026-01-15T12:00:00.250Z',
        expires: '2026-01-16T12:00:00.750Z',
        nonce: nonce('intent-millis'),
        body: {
          what: {
            category: 'urn:example:category:bicycle-repair',
            description: 'Fix a flat tyre today.',
            quantity: 1,
          },
          where: { geo: { lat: -33.8688, lon: 151.2093, radiusKm: 0.75 } },
          budget: { currency: 'AUD', max: '45' },
          terms: [TERMS.noTracking],
          offerCap: 1,
        },
      },
      buyerMillis.secretKey,
    ),
    ['intent', 'timestamp-millis'],
  );
  add(
    'intent-max-lifetime',
    'an intent that expires exactly 366 days after it was created, the longest lifetime allowed',
    core.createIntent(
      {
        what: { category: 'services.gardening', description: 'Mow the lawn every other week.', quantity: 26 },
        where: { region: 'NL-UT' },
        terms: [TERMS.noTracking],
        offerCap: 20,
      },
      buyerMinimal.secretKey,
      opts('intent-max-lifetime', T0, T0 + 366 * DAY),
    ),
    ['intent', 'boundary'],
  );
  add(
    'withdraw-intent',
    'the buyer of the minimal intent withdraws it',
    core.createWithdraw(
      minimal,
      { reason: 'no-longer-needed' },
      buyerMinimal.secretKey,
      opts('withdraw-intent', at(6)),
    ),
    ['withdraw', 'intent'],
  );
}
