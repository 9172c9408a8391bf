/**
 * Synthetic but valid intents for the benchmark: deterministic bodies (the same index always gives the same
 * body), spread over categories, regions, places, budgets and words the way filters slice them, and a
 * signer that uses Node's native Ed25519 with parsed keys so that making a million of them is quick.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { canonicalJson, didKeyFromPublicKey, fromBase64url, messageSigningInput } from '@intentcast/core';

/** Bump when intentBody or the signing changes, so that cached intents made by older code are not reused. */
export const GENERATOR_VERSION = 1;

/** The registered namespaces and their well-known children (spec/categories.md). */
export const NAMESPACES = {
  lodging: ['hotel', 'apartment', 'hostel', 'camping'],
  travel: ['flight', 'train', 'bus', 'ferry', 'car-rental', 'taxi'],
  auto: ['purchase', 'lease', 'repair', 'parts'],
  home: ['repair', 'cleaning', 'moving', 'furniture', 'appliance', 'energy'],
  electronics: ['laptop', 'phone', 'tv', 'audio', 'camera'],
  food: ['grocery', 'restaurant', 'catering', 'delivery'],
  health: ['dental', 'optical', 'physiotherapy', 'pharmacy'],
  finance: ['mortgage', 'loan', 'insurance', 'account'],
  services: ['legal', 'accounting', 'translation', 'childcare', 'pet-care'],
  education: ['course', 'tutoring', 'language'],
  events: ['tickets', 'venue', 'concert', 'sport', 'theatre'],
  retail: ['clothing', 'books', 'sports', 'toys', 'garden'],
};

/** Third-level names, so that category prefixes of every depth select something. */
const LEAVES = ['basic', 'premium', 'used', 'new', 'local', 'express'];

/** Every two-segment category (`lodging.hotel`), 55 of them. */
export const CATEGORIES = Object.entries(NAMESPACES).flatMap(([ns, children]) =>
  children.map((c) => `${ns}.${c}`),
);

/** Regions with a representative point, for intents that carry both a region and a geo circle. */
export const REGIONS = [
  ['PT-11', 38.72, -9.14],
  ['PT-13', 41.15, -8.61],
  ['ES-M', 40.42, -3.7],
  ['ES-B', 41.39, 2.17],
  ['FR-75', 48.86, 2.35],
  ['FR-69', 45.76, 4.84],
  ['DE-BE', 52.52, 13.4],
  ['DE-BY', 48.14, 11.58],
  ['IT-RM', 41.9, 12.5],
  ['IT-MI', 45.46, 9.19],
  ['NL-NH', 52.37, 4.9],
  ['BE-BRU', 50.85, 4.35],
  ['GB-LND', 51.51, -0.13],
  ['GB-MAN', 53.48, -2.24],
  ['IE-D', 53.35, -6.26],
  ['US-CA', 37.77, -122.42],
  ['US-NY', 40.71, -74.01],
  ['US-TX', 30.27, -97.74],
  ['CA-ON', 43.65, -79.38],
  ['BR-SP', -23.55, -46.63],
  ['JP-13', 35.68, 139.69],
  ['AU-NSW', -33.87, 151.21],
  ['SE-AB', 59.33, 18.07],
  ['PL-14', 52.23, 21.01],
];

export const CURRENCIES = ['EUR', 'USD', 'GBP', 'JPY', 'BRL'];

/** Words of the descriptions; the text filter picks from the same list. */
export const WORDS = `quiet bright large small family modern vintage cheap fast reliable local certified
  organic electric manual compact spacious central sunny friendly flexible weekly monthly urgent simple
  double single room flat house garden kitchen bike car van boat train ticket seat table dinner lunch
  course lesson tutor teacher plumber painter cleaner mover lawyer doctor dentist nurse driver guide
  laptop phone camera speaker screen charger battery cable jacket shoes boots coat book novel guitar piano
  insurance loan account mortgage repair service installation delivery pickup rental purchase lease
  river beach mountain city center airport station harbour park museum concert theatre match festival
  morning evening night weekend holiday trip tour visit stay week month year`
  .split(/\s+/)
  .filter(Boolean);

const TERMS = [
  {
    uri: 'https://terms.example.org/buyer/no-tracking-v1',
    sha256: '43870f172ef4c2615cf95c9ed6d5eb772b402482e2808237904215e85fb4bf70',
  },
];

/** A small, fast, seedable generator (mulberry32), so a body depends only on its index and seed. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rand, list) => list[Math.floor(rand() * list.length)];

/** A money amount with two decimals between `low` and `high`. */
function amount(rand, low, high) {
  return (low + rand() * (high - low)).toFixed(2);
}

/**
 * The body of intent number `index`. About 60% carry a geo circle near their region's point, 85% a
 * budget, every one a region; a quarter have a third category segment.
 */
export function intentBody(index, seed = 1) {
  const rand = prng(Math.imul(index + 1, 2654435761) ^ seed);
  let category = pick(rand, CATEGORIES);
  if (rand() < 0.25) category += `.${pick(rand, LEAVES)}`;
  const [region, lat, lon] = pick(rand, REGIONS);
  const count = 5 + Math.floor(rand() * 8);
  const description = Array.from({ length: count }, () => pick(rand, WORDS)).join(' ');
  const where = { region };
  if (rand() < 0.6) {
    where.geo = {
      lat: Math.round((lat + (rand() - 0.5) * 0.6) * 1e4) / 1e4,
      lon: Math.round((lon + (rand() - 0.5) * 0.6) * 1e4) / 1e4,
      radiusKm: 1 + Math.floor(rand() * 30),
    };
  }
  const body = {
    what: { category, description: `${description[0].toUpperCase()}${description.slice(1)}.`, quantity: 1 },
    where,
    terms: TERMS,
    offerCap: 5,
  };
  if (rand() < 0.85) {
    const max = amount(rand, 20, 5000);
    body.budget = { currency: pick(rand, CURRENCIES), max };
    if (rand() < 0.5) body.budget.min = amount(rand, 0, Number(max));
  }
  return body;
}

/** Ed25519 keys as the signer needs them: a parsed private key and the did:key of its public key. */
export function makeKeys(count) {
  return Array.from({ length: count }, () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const jwk = publicKey.export({ format: 'jwk' });
    return {
      privateKey,
      did: didKeyFromPublicKey(fromBase64url(jwk.x)),
      jwk: privateKey.export({ format: 'jwk' }),
    };
  });
}

/**
 * Signs an intent as core's signMessage would (same id, same signature input) but without re-parsing the
 * key or re-validating the result for each message; callers check a sample with validateMessage.
 */
export function signIntent(body, key, { created, expires, nonce }) {
  const unsigned = {
    protocol: 'intentcast/1',
    type: 'intent',
    author: key.did,
    created: new Date(created).toISOString(),
    expires: new Date(expires).toISOString(),
    nonce,
    body,
  };
  const id = createHash('sha256').update(canonicalJson(unsigned)).digest('hex');
  const sig = sign(null, messageSigningInput(id), key.privateKey).toString('hex');
  return { id, text: JSON.stringify({ ...unsigned, id, sig }) };
}

/** A 128-bit nonce (hex) unique per index and run. */
export function nonceFor(index, run) {
  return `${run.toString(16).padStart(16, '0')}${index.toString(16).padStart(16, '0')}`;
}
