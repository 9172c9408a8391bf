/** Shared test data and small helpers for iterators. */
import type { IntentInput, VendorPolicy } from '../src/index.js';

export const TERMS = { uri: 'https://terms.example/no-stalking', sha256: 'a1'.repeat(32) };
export const OTHER_TERMS = { uri: 'https://terms.example/share-with-partners', sha256: 'b2'.repeat(32) };

export function intentInput(description = 'A quiet double room near the river'): IntentInput {
  return {
    what: { category: 'lodging.hotel', description, quantity: 1 },
    where: { region: 'PT-11' },
    budget: { currency: 'EUR', max: '180.00' },
    terms: [TERMS],
  };
}

export const acceptsTerms: VendorPolicy = { acceptsTerms: (terms) => terms.uri === TERMS.uri };

/** The next item of an iterator, or a failure naming `what` if none comes in time. */
export async function next<T>(iterator: AsyncIterator<T>, what = 'the next item', ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  try {
    const result = await Promise.race([iterator.next(), timeout]);
    if (result.done) throw new Error(`the iterator ended before ${what}`);
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves when `check` holds, polling; fails naming `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
