import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  Buyer,
  FileKeystore,
  type Keystore,
  keyName,
  nodeTransport,
  RelaySet,
  type Transport,
  Vendor,
  type VendorPolicy,
} from '@intentcast/client';
import { type Ed25519Backend, IntentcastError, type KeyPair, keyPairFromJwk } from '@intentcast/core';
import { Option } from 'commander';
import { type Io, UsageError } from './io.js';

/** The relay asked when neither --relay nor INTENTCAST_RELAY names one. */
export const DEFAULT_RELAY = 'http://127.0.0.1:8787';

/** The options every networked command takes. */
export interface SessionOptions {
  keys?: string;
  relay?: string[];
}

/** Adds `--keys` and `--relay` to a command. */
export function networkOptions(): Option[] {
  return [
    new Option('--keys <dir>', 'the keystore directory (default: INTENTCAST_KEYS, else ~/.intentcast/keys)'),
    new Option(
      '--relay <url>',
      `a relay URL; repeat for several (default: INTENTCAST_RELAY, else ${DEFAULT_RELAY})`,
    ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
  ];
}

/** Refuses a relay URL the client could not use, as a usage error. */
function checkRelayUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new UsageError(
      `--relay: expected an http(s) URL such as ${DEFAULT_RELAY}, got ${JSON.stringify(url)}`,
    );
  }
}

/** Collaborators of the networked commands, from the options and the environment. */
export class Session {
  readonly keystore: Keystore;
  readonly relays: string[];
  readonly backend: Ed25519Backend;
  readonly transport: Transport;
  #relaySet: RelaySet | undefined;
  #clients: { close(): Promise<void> }[] = [];

  constructor(options: SessionOptions, io: Io, backend: Ed25519Backend) {
    const env = io.env ?? {};
    this.keystore = new FileKeystore(
      options.keys ?? (env.INTENTCAST_KEYS || join(homedir(), '.intentcast', 'keys')),
    );
    const fromEnv = (env.INTENTCAST_RELAY ?? '').split(/[\s,]+/).filter((url) => url !== '');
    this.relays = options.relay ?? (fromEnv.length > 0 ? fromEnv : [DEFAULT_RELAY]);
    for (const url of this.relays) checkRelayUrl(url);
    this.backend = backend;
    this.transport = nodeTransport();
  }

  buyer(): Buyer {
    const buyer = new Buyer({
      relays: this.relays,
      keystore: this.keystore,
      backend: this.backend,
      transport: this.transport,
    });
    this.#clients.push(buyer);
    return buyer;
  }

  vendor(options: { name?: string; policy?: VendorPolicy } = {}): Vendor {
    const vendor = new Vendor({
      relays: this.relays,
      keystore: this.keystore,
      backend: this.backend,
      transport: this.transport,
      profile: { name: options.name ?? 'Vendor' },
      policy: options.policy ?? { acceptsTerms: () => false },
    });
    this.#clients.push(vendor);
    return vendor;
  }

  /** The relays as a set, for reads that no buyer or vendor method makes. */
  relaySet(): RelaySet {
    this.#relaySet ??= new RelaySet(this.relays, { transport: this.transport, backend: this.backend });
    return this.#relaySet;
  }

  /** The signing key of an intent this keystore cast, if it holds one. */
  async intentKey(intentId: string): Promise<KeyPair | undefined> {
    const record = await this.keystore.get(keyName('intent', intentId));
    return record?.kind === 'intent' ? this.#keyPair(record.signingKey) : undefined;
  }

  /** The vendor identity `default`, if the keystore holds one. */
  async identityKey(): Promise<KeyPair | undefined> {
    const record = await this.keystore.get(keyName('identity', 'default'));
    return record?.kind === 'identity' ? this.#keyPair(record.signingKey) : undefined;
  }

  /** Closes every feed and connection pool it opened. */
  async close(): Promise<void> {
    for (const client of this.#clients) await client.close();
    this.#relaySet?.close();
    await this.transport.http.close?.();
  }

  #keyPair(jwk: unknown): KeyPair {
    const key = keyPairFromJwk(jwk, this.backend);
    if (key.secretKey === undefined)
      throw new IntentcastError('ERR_KEY_INVALID', 'keystore record has no "d"');
    return key as KeyPair;
  }
}

/** Runs `work` with a session, closing it afterwards whatever happens. */
export async function withSession<T>(
  options: SessionOptions,
  io: Io,
  backend: Ed25519Backend,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const session = new Session(options, io, backend);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
