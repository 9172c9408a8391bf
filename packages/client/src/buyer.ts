import {
  type Confirm,
  type CounterTerms,
  createIntent,
  createReply,
  createWithdraw,
  formatTimestamp,
  generateKeyPair,
  generateSealKeyPair,
  type Intent,
  type IntentBody,
  IntentcastError,
  jwkFromKeyPair,
  type KeyPair,
  keyPairFromJwk,
  type Message,
  type Offer,
  parseMessage,
  type ReasonCode,
  type Reply,
  type ReplyBody,
  type SealedContent,
  type SealPrivateKey,
  seal,
  type ThreadState,
  type Withdraw,
} from '@intentcast/core';
import type { Feed, FeedOptions, Processor } from './feed.js';
import type { RelayHealth } from './health.js';
import { type Keystore, keyName } from './keystore/types.js';
import { type ResolvedClientOptions, relaySetOf } from './options.js';
import { keeping, type Misfit, receiving } from './processors.js';
import type { Published, RelaySet } from './relay-set.js';
import { openPart } from './sealing.js';
import { asReceived, type Received } from './verify.js';

/**
 * An intent body as the buyer writes it: the seal key is added by the SDK, `offerCap` defaults to 5.
 *
 * @example
 * await buyer.cast({ what: { category: 'lodging.hotel', description: 'A quiet room', quantity: 1 }, terms: [terms] });
 */
export interface IntentInput extends Omit<IntentBody, 'sealKey' | 'offerCap'> {
  offerCap?: number;
}

/**
 * How `buyer.cast` signs and publishes.
 *
 * @example
 * await buyer.cast(input, { expiresIn: 2 * 24 * 3_600_000, signal });
 */
export interface CastOptions {
  /** How long the intent lives, in milliseconds; 7 days unless given. */
  expiresIn?: number;
  /**
   * Sign with this key instead of a fresh one. Every intent signed with the same key can be linked to the
   * others; use it only when that is wanted.
   */
  key?: KeyPair;
  /** Publish a fresh seal key, so that vendors can seal prices to the buyer. Default true. */
  sealKey?: boolean;
  signal?: AbortSignal;
}

/**
 * A cast intent: the signed intent, the relays that stored it (receipts verified) and those that did not.
 *
 * @example
 * const { intent, receipts, failures } = await buyer.cast(input);
 * for (const { relay, error } of failures) console.warn(relay, error.code);
 */
export interface CastResult extends Published<Intent> {
  intent: Intent;
}

/**
 * Contact details, only ever sent sealed.
 *
 * @example
 * await buyer.accept(offer, { contact: { name: 'Ana', phone: '+351 21 000 0000' } });
 */
export type Contact = NonNullable<SealedContent['contact']>;

/**
 * What a reply carries besides its decision, and whether it is sealed.
 *
 * @example
 * await buyer.accept(offer, { text: 'Arriving late', contact: { email: 'ana@example.org' } }); // sealed
 */
export interface ReplyOptions {
  /** Free text, sealed with the rest when the reply is sealed. */
  text?: string;
  /** Contact details for the vendor; they are always sealed to the offer's seal key. */
  contact?: Contact;
  /** Seal the reply's content to the offer's seal key. Default: only when there are contact details. */
  seal?: boolean;
  signal?: AbortSignal;
}

/**
 * What arrives in the mailbox of an intent: offers, withdrawals of offers, confirmations.
 *
 * @example
 * for await (const mail of buyer.messages(intent.id)) if (mail.type === 'confirm') console.log(mail.body.reference);
 */
export type BuyerMail = Received<Offer> | Received<Withdraw> | Received<Confirm>;

/**
 * A thread as a relay shows it to the buyer, every message verified and its sealed part opened.
 *
 * @example
 * const { state, messages } = await buyer.thread(intent.id); // state: 'closed' once confirmed
 */
export interface BuyerThread {
  intent: Intent;
  messages: Received<Message>[];
  state: ThreadState;
}

/** The keys of one intent, as the keystore holds them. */
interface IntentKeys {
  intent: Intent;
  key: KeyPair;
  seal: SealPrivateKey | undefined;
}

/**
 * The options of a buyer, before a runtime gives it a transport.
 *
 * @example
 * new Buyer({ relays: ['https://relay.example'], keystore: new MemoryKeystore() });
 */
export interface BuyerOptions extends ResolvedClientOptions {
  /** Where each intent's keys are kept (by intent id). */
  keystore: Keystore;
}

const DEFAULT_OFFER_CAP = 5;

/**
 * The buyer's side, runtime-neutral: the entry points of the package give it a transport.
 *
 * Every intent is signed with a fresh Ed25519 key and publishes a fresh X25519 seal key, both kept in the
 * keystore under the intent's id; every reply and withdrawal of that intent is signed with its key.
 */
export class BuyerBase {
  readonly #relays: RelaySet;
  readonly #keystore: Keystore;
  readonly #options: BuyerOptions;
  readonly #keys = new Map<string, Promise<IntentKeys>>();

  constructor(options: BuyerOptions) {
    if (options.keystore === undefined) throw new TypeError('Buyer: "keystore" is required');
    this.#options = options;
    this.#keystore = options.keystore;
    this.#relays = relaySetOf(options);
  }

  /**
   * Signs an intent with a fresh key, stores the key (with a fresh seal key) in the keystore, and publishes
   * the intent to every relay. Resolves when at least one relay stored it.
   */
  async cast(input: IntentInput, options: CastOptions = {}): Promise<CastResult> {
    const backend = this.#options.backend;
    const key = options.key ?? generateKeyPair(backend);
    const sealKeys = options.sealKey === false ? undefined : await generateSealKeyPair();
    const body: IntentBody = {
      ...input,
      offerCap: input.offerCap ?? DEFAULT_OFFER_CAP,
      ...(sealKeys === undefined ? {} : { sealKey: sealKeys.publicJwk }),
    };
    const now = this.#now();
    const intent = createIntent(body, key.secretKey, {
      now,
      ...(options.expiresIn === undefined ? {} : { expires: now + options.expiresIn }),
      ...(backend === undefined ? {} : { backend }),
    });
    // Refuse bad input here, with its code and path, before a key is stored or a relay is asked.
    parseMessage(intent, { now, ...(backend === undefined ? {} : { backend }) });
    await this.#keystore.put(keyName('intent', intent.id), {
      kind: 'intent',
      intent,
      signingKey: jwkFromKeyPair(key),
      ...(sealKeys === undefined ? {} : { sealKey: sealKeys.privateJwk }),
      created: formatTimestamp(now),
    });
    const published = await this.#relays.publish(intent, options.signal);
    return { intent, ...published };
  }

  /**
   * Publishes a cast intent again, from the keystore, to every relay: after a cast that no relay stored, or
   * to relays that failed. Relays that hold it already answer with their first receipt.
   */
  async republish(intentId: string, signal?: AbortSignal): Promise<CastResult> {
    const { intent } = await this.#keysFor(intentId);
    const published = await this.#relays.publish(intent, signal);
    return { intent, ...published };
  }

  /** Offers, withdrawals of offers and confirmations for an intent: backlog, then live; verified and opened. */
  messages(intentId: string, options: FeedOptions = {}): Feed<BuyerMail> {
    return this.#mailbox(intentId, (m): m is BuyerMail => m !== undefined, options);
  }

  /** The offers on an intent: backlog, then live; verified (and firm), deduplicated, sealed parts opened. */
  offers(intentId: string, options: FeedOptions = {}): Feed<Received<Offer>> {
    return this.#mailbox(intentId, (m): m is Received<Offer> => m.type === 'offer', options);
  }

  /** Accepts an offer, on its terms. */
  accept(offer: Offer, options: ReplyOptions = {}): Promise<Published<Reply>> {
    return this.#reply(offer, { decision: 'accept', terms: offer.body.terms }, options);
  }

  /** Declines an offer, saying why. */
  decline(offer: Offer, reason: ReasonCode, options: ReplyOptions = {}): Promise<Published<Reply>> {
    return this.#reply(offer, { decision: 'decline', reason }, options);
  }

  /** Answers an offer with other terms; `seal: true` seals them to the offer's seal key. */
  counter(offer: Offer, terms: CounterTerms, options: ReplyOptions = {}): Promise<Published<Reply>> {
    return this.#reply(offer, { decision: 'counter', counter: terms }, options);
  }

  /** Asks the vendor a question about an offer. */
  ask(offer: Offer, text: string, options: Omit<ReplyOptions, 'text'> = {}): Promise<Published<Reply>> {
    return this.#reply(offer, { decision: 'question' }, { ...options, text });
  }

  /** Withdraws an intent. */
  async withdraw(
    intentId: string,
    options: { reason?: ReasonCode; text?: string; signal?: AbortSignal } = {},
  ): Promise<Published<Withdraw>> {
    const { intent, key } = await this.#keysFor(intentId);
    const body = {
      ...(options.reason === undefined ? {} : { reason: options.reason }),
      ...(options.text === undefined ? {} : { text: options.text }),
    };
    const withdraw = createWithdraw(intent, body, key.secretKey, this.#buildOptions());
    return this.#relays.publish(withdraw, options.signal);
  }

  /** The whole thread of an intent from the first relay that answers, with its state. */
  async thread(intentId: string, signal?: AbortSignal): Promise<BuyerThread> {
    const { key, seal: sealKey } = await this.#keysFor(intentId);
    const { view, relay } = await this.#relays.first(async (client) => ({
      view: await client.thread(intentId, { key, ...(signal === undefined ? {} : { signal }) }),
      relay: client.url,
    }));
    const messages: Received<Message>[] = [];
    for (const message of view.messages) {
      // The buyer's own replies are sealed to the vendors' keys; what the vendors sent opens with the intent's.
      const opened = message.author === view.intent.author ? undefined : await openPart(message, sealKey);
      const content = opened?.ok ? opened.value : undefined;
      messages.push(asReceived(message, { opened: content, relay, seq: undefined }));
    }
    return { intent: view.intent, messages, state: view.state };
  }

  /** The health of every relay. */
  health(): RelayHealth[] {
    return this.#relays.health();
  }

  /** Closes every feed of this client that is still open. */
  async close(): Promise<void> {
    this.#relays.close();
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  #buildOptions() {
    const backend = this.#options.backend;
    return { now: this.#now(), ...(backend === undefined ? {} : { backend }) };
  }

  #keysFor(intentId: string): Promise<IntentKeys> {
    let keys = this.#keys.get(intentId);
    if (keys === undefined) {
      keys = this.#loadKeys(intentId);
      keys.catch(() => this.#keys.delete(intentId));
      this.#keys.set(intentId, keys);
    }
    return keys;
  }

  async #loadKeys(intentId: string): Promise<IntentKeys> {
    const record = await this.#keystore.get(keyName('intent', intentId));
    if (record === undefined || record.kind !== 'intent') {
      throw new IntentcastError('ERR_NOT_FOUND', `the keystore holds no key for intent ${intentId}`);
    }
    const key = keyPairFromJwk(record.signingKey, this.#options.backend);
    if (key.secretKey === undefined) {
      throw new IntentcastError('ERR_KEY_INVALID', `the keystore holds no secret key for intent ${intentId}`);
    }
    return { intent: record.intent, key: key as KeyPair, seal: record.sealKey };
  }

  #mailbox<T extends BuyerMail>(
    intentId: string,
    keep: (message: BuyerMail) => message is T,
    options: FeedOptions,
  ): Feed<T> {
    const context = {
      now: () => this.#now(),
      report: this.#options.onInvalid ?? (() => {}),
      ...(this.#options.backend ? { backend: this.#options.backend } : {}),
    };
    const misfit = (message: Message): Misfit =>
      message.type === 'intent' || message.type === 'reply' || message.thread !== intentId
        ? { code: 'ERR_LIFECYCLE_WRONG_THREAD', message: `not for intent ${intentId}` }
        : undefined;
    return this.#relays.feed(async () => {
      const keys = await this.#keysFor(intentId);
      // Offers and confirms are sealed to the intent's seal key.
      const process = receiving<Offer | Withdraw | Confirm>(context, misfit, async () => keys.seal);
      return { spec: { mailbox: keys.key }, process: keeping(process as Processor<BuyerMail>, keep) };
    }, options);
  }

  async #reply(offer: Offer, body: ReplyBody, options: ReplyOptions): Promise<Published<Reply>> {
    const { key } = await this.#keysFor(offer.thread);
    const sealIt = options.seal ?? options.contact !== undefined;
    if (!sealIt && options.contact !== undefined) {
      throw new IntentcastError('ERR_SEAL', 'contact details are only ever sent sealed; leave "seal" on', {
        path: '/body/sealed',
      });
    }
    let replyBody: ReplyBody = { ...body, ...(options.text === undefined ? {} : { text: options.text }) };
    if (sealIt) {
      const sealKey = offer.body.sealKey;
      if (sealKey === undefined) {
        throw new IntentcastError(
          'ERR_SEAL',
          'the offer publishes no sealKey, so nothing can be sealed to its vendor',
          { path: '/body/sealKey' },
        );
      }
      const { counter, text, ...rest } = replyBody;
      const secret: SealedContent = {
        ...(counter === undefined ? {} : { counter }),
        ...(text === undefined ? {} : { text }),
        ...(options.contact === undefined ? {} : { contact: options.contact }),
      };
      // With nothing private to seal, the reply goes out as it is.
      if (Object.keys(secret).length > 0) {
        const sealed = await seal(secret, sealKey, {
          thread: offer.thread,
          for: { type: 'reply', decision: body.decision },
        });
        replyBody = { ...rest, sealed };
      }
    }
    const reply = createReply(offer, replyBody, key.secretKey, this.#buildOptions());
    return this.#relays.publish(reply, options.signal);
  }
}
