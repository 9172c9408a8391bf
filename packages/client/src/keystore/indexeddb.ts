import { assertKeyName, assertKeyRecord, type KeyRecord, type Keystore } from './types.js';

const STORE = 'keys';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error ?? new Error('the transaction was aborted'));
  });
}

/**
 * A keystore in the browser's IndexedDB: one object store of JSON records, keyed by name. It uses no
 * Node module. Keys are as safe as the origin's storage: anyone who can run script on the origin can read
 * them.
 *
 * @example
 * const buyer = new Buyer({ relays: ['https://relay.example'], keystore: new IndexedDbKeystore() });
 */
export class IndexedDbKeystore implements Keystore {
  readonly #name: string;
  readonly #factory: IDBFactory | undefined;
  #db: Promise<IDBDatabase> | undefined;

  /** `name` is the database's (default `intentcast-keys`); `factory` defaults to `globalThis.indexedDB`. */
  constructor(options: { name?: string; factory?: IDBFactory } = {}) {
    this.#name = options.name ?? 'intentcast-keys';
    this.#factory = options.factory;
  }

  async get(name: string): Promise<KeyRecord | undefined> {
    assertKeyName(name);
    const store = (await this.#open()).transaction(STORE, 'readonly').objectStore(STORE);
    const value = (await done(store.get(name))) as unknown;
    if (value === undefined) return undefined;
    assertKeyRecord(value, name);
    return value;
  }

  async put(name: string, record: KeyRecord): Promise<void> {
    assertKeyName(name);
    assertKeyRecord(record, name);
    const transaction = (await this.#open()).transaction(STORE, 'readwrite', { durability: 'strict' });
    transaction.objectStore(STORE).put(record, name);
    await committed(transaction);
  }

  async delete(name: string): Promise<boolean> {
    assertKeyName(name);
    const transaction = (await this.#open()).transaction(STORE, 'readwrite', { durability: 'strict' });
    const store = transaction.objectStore(STORE);
    const existed = (await done(store.count(name))) > 0;
    store.delete(name);
    await committed(transaction);
    return existed;
  }

  async list(prefix = ''): Promise<string[]> {
    const store = (await this.#open()).transaction(STORE, 'readonly').objectStore(STORE);
    const names = (await done(store.getAllKeys())) as IDBValidKey[];
    return names.filter((name): name is string => typeof name === 'string' && name.startsWith(prefix));
  }

  /** Closes the database connection. */
  async close(): Promise<void> {
    const db = this.#db;
    this.#db = undefined;
    if (db !== undefined) (await db).close();
  }

  #open(): Promise<IDBDatabase> {
    this.#db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const factory = this.#factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
      if (factory === undefined) {
        reject(new TypeError('IndexedDbKeystore: this runtime has no indexedDB'));
        return;
      }
      const request = factory.open(this.#name, 1);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }).catch((err: unknown) => {
      this.#db = undefined;
      throw err;
    });
    return this.#db;
  }
}
