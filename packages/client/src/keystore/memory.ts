import { assertKeyName, type KeyRecord, type Keystore } from './types.js';

/**
 * A keystore in memory, for tests and short-lived programs: everything is lost when the process ends.
 * Records are copied in and out, so callers cannot change what is stored.
 *
 * @example
 * const buyer = new Buyer({ relays: [url], keystore: new MemoryKeystore() });
 */
export class MemoryKeystore implements Keystore {
  readonly #records = new Map<string, KeyRecord>();

  async get(name: string): Promise<KeyRecord | undefined> {
    assertKeyName(name);
    const record = this.#records.get(name);
    return record === undefined ? undefined : structuredClone(record);
  }

  async put(name: string, record: KeyRecord): Promise<void> {
    assertKeyName(name);
    this.#records.set(name, structuredClone(record));
  }

  async delete(name: string): Promise<boolean> {
    assertKeyName(name);
    return this.#records.delete(name);
  }

  async list(prefix = ''): Promise<string[]> {
    return [...this.#records.keys()].filter((name) => name.startsWith(prefix));
  }
}
