import {
  type Confirm,
  createConfirm,
  createOffer,
  createWithdraw,
  formatTimestamp,
  fromFailure,
  type Intent,
  IntentcastError,
  type KeyPair,
  type Message,
  type Offer,
  parseMessage,
  type ReasonCode,
  type Reply,
  type SealedContent,
  seal,
  validateWebhook,
  type WebhookEvent,
  type WebhookHeaderInput,
  type Withdraw,
} from '@intentcast/core';
import type { Contact } from './buyer.js';
import type { Feed, FeedOptions, Processor } from './feed.js';
import type { IntentFilter } from './filter.js';
import type { RelayHealth } from './health.js';
import { type Identity, loadIdentity } from './identity.js';
import { type Keystore, keyName } from './keystore/types.js';
import { type ResolvedClientOptions, relaySetOf } from './options.js';
import { keeping, type Misfit, receiving } from './processors.js';
import type { Published, RelaySet } from './relay-set.js';
import {
  buildOptions,
  type NegotiationState,
  type OfferInput,
  offerBody,
  pickTerms,
  type RevisionInput,
  revisedInput,
  type VendorPolicy,
  type VendorProfile,
} from './vendor-offer.js';
import type { InvalidHandler, Received, VerifyContext } from './verify.js';

/**
 * What arrives in a vendor's mailbox: the buyers' replies, and withdrawals of intents it offered on.
 *
 * @example
 * for await (const mail of vendor.mailbox()) if (mail.type === 'withdraw') console.log('intent withdrawn', mail.thread);
 */
export type VendorMail = Received<Reply> | Received<Withdraw>;

/**
 * The options of a vendor, before a runtime gives it a transport.
 *
 * @example
 * new Vendor({ relays, keystore, profile: { name: 'Casa Azul' }, policy: { acceptsTerms: () => true } });
 */
export interface VendorOptions extends ResolvedClientOptions {
  /** Holds the identity, and the seal keys of the vendor's offers. */
  keystore: Keystore;
  /** The vendor's long-lived key pair. Saved to the keystore if it holds none; generated if neither has one. */
  identity?: KeyPair;
  /** The name of the identity in the keystore. Default `default`. */
  identityName?: string;
  profile: VendorProfile;
  policy: VendorPolicy;
}

/**
 * The vendor's side, runtime-neutral: the entry points of the package give it a transport.
 *
 * The vendor signs everything with one long-lived identity. Each offer publishes a fresh seal key (kept in
 * the keystore under the offer's id), so that buyers can seal their replies and no two offers are linked
 * by it.
 */
export class VendorBase {
  readonly #relays: RelaySet;
  readonly #options: VendorOptions;
  readonly #keystore: Keystore;
  readonly #negotiations = new Map<string, NegotiationState>();
  #identity: Promise<Identity> | undefined;

  constructor(options: VendorOptions) {
    if (options.keystore === undefined) throw new TypeError('Vendor: "keystore" is required');
    if (typeof options.profile?.name !== 'string') throw new TypeError('Vendor: "profile.name" is required');
    if (typeof options.policy?.acceptsTerms !== 'function') {
      throw new TypeError('Vendor: "policy.acceptsTerms" expected a function');
    }
    this.#options = options;
    this.#keystore = options.keystore;
    this.#relays = relaySetOf(options);
  }

  /** The vendor's did:key (loads or creates the identity). */
  async did(): Promise<string> {
    return (await this.#loadIdentity()).did;
  }

  /** Open intents matching `filter`: backlog, then live; verified, unexpired, deduplicated across relays. */
  intents(filter: IntentFilter, options: FeedOptions = {}): Feed<Received<Intent>> {
    const misfit = (message: Message): Misfit =>
      message.type === 'intent'
        ? undefined
        : { code: 'ERR_UNKNOWN_TYPE', message: 'not an intent, on an intent stream' };
    const process = receiving<Intent>(this.#context(), misfit, async () => undefined);
    return this.#relays.feed(async () => ({ spec: { filter }, process }), options);
  }

  /**
   * Offers on an intent, on the first of its terms the policy accepts; refuses (ERR_LIFECYCLE_TERMS, nothing
   * sent) when it accepts none. With `sealPrice`, only the buyer can read the price.
   */
  async offer(intent: Intent, input: OfferInput): Promise<Published<Offer>> {
    const now = this.#now();
    const checked = parseMessage(intent, buildOptions(now, this.#options.backend));
    if (checked.type !== 'intent')
      throw new IntentcastError('ERR_UNKNOWN_TYPE', 'only an intent takes a first offer');
    const terms = pickTerms(checked, this.#options.policy);
    return this.#send(checked, checked, terms, input);
  }

  /**
   * A revised offer, answering the buyer's counter or question, or replacing the vendor's own latest offer.
   * What is not changed stays as in the latest offer.
   */
  async revise(answering: Offer | Reply, changes: RevisionInput = {}): Promise<Published<Offer>> {
    if (answering.type !== 'offer' && answering.type !== 'reply') {
      throw new IntentcastError('ERR_LIFECYCLE_REF_TYPE', 'a revised offer answers an offer or a reply');
    }
    const state = await this.#negotiation(answering.thread, changes.signal);
    const input = revisedInput(state, changes, this.#options.policy);
    return this.#send(state.intent, answering, state.latest.body.terms, input);
  }

  /** Withdraws the vendor's latest offer. */
  async withdraw(
    offer: Offer,
    options: { reason?: ReasonCode; text?: string; signal?: AbortSignal } = {},
  ): Promise<Published<Withdraw>> {
    const { key } = await this.#loadIdentity();
    const body = {
      ...(options.reason === undefined ? {} : { reason: options.reason }),
      ...(options.text === undefined ? {} : { text: options.text }),
    };
    const withdraw = createWithdraw(
      offer,
      body,
      key.secretKey,
      buildOptions(this.#now(), this.#options.backend),
    );
    return this.#relays.publish(withdraw, options.signal);
  }

  /** Confirms the buyer's accept; contact details are sealed to the intent's seal key. */
  async confirm(
    accept: Reply,
    options: { reference?: string; text?: string; contact?: Contact; signal?: AbortSignal } = {},
  ): Promise<Published<Confirm>> {
    if (accept.type !== 'reply' || accept.body.decision !== 'accept') {
      throw new IntentcastError('ERR_LIFECYCLE_REF_TYPE', 'only an accept can be confirmed');
    }
    const { key } = await this.#loadIdentity();
    const body: Confirm['body'] = {
      ...(options.reference === undefined ? {} : { reference: options.reference }),
      ...(options.text === undefined ? {} : { text: options.text }),
    };
    if (options.contact !== undefined) {
      const { intent } = await this.#negotiation(accept.thread, options.signal);
      if (intent.body.sealKey === undefined) {
        throw new IntentcastError(
          'ERR_SEAL',
          'the intent publishes no sealKey; contact details are only sent sealed',
        );
      }
      const secret: SealedContent = {
        contact: options.contact,
        ...(body.text === undefined ? {} : { text: body.text }),
      };
      delete body.text;
      body.sealed = await seal(secret, intent.body.sealKey, {
        thread: accept.thread,
        for: { type: 'confirm' },
      });
    }
    const confirm = createConfirm(
      accept,
      body,
      key.secretKey,
      buildOptions(this.#now(), this.#options.backend),
    );
    return this.#relays.publish(confirm, options.signal);
  }

  /** The vendor's mailbox: replies to its offers (sealed parts opened) and withdrawals of intents. */
  mailbox(options: FeedOptions = {}): Feed<VendorMail> {
    return this.#mailbox((message): message is VendorMail => message !== undefined, options);
  }

  /** The buyers' replies to the vendor's offers: backlog, then live; verified, sealed parts opened. */
  replies(options: FeedOptions = {}): Feed<Received<Reply>> {
    return this.#mailbox((message): message is Received<Reply> => message.type === 'reply', options);
  }

  /**
   * A handler for Standard Webhooks deliveries: it checks the signature, the time and the event (and the
   * signed message inside), and returns the event; it throws ERR_WEBHOOK_INVALID for anything else.
   */
  webhookHandler(
    secret: string | readonly string[],
    options: { toleranceSec?: number } = {},
  ): (headers: WebhookHeaderInput, body: string | Uint8Array) => WebhookEvent {
    return (headers, body) => {
      const backend = this.#options.backend;
      const result = validateWebhook(headers, body, secret, {
        now: this.#now(),
        ...(options.toleranceSec === undefined ? {} : { toleranceSec: options.toleranceSec }),
        ...(backend === undefined ? {} : { backend }),
      });
      if (!result.ok) throw fromFailure(result);
      return result.value.event;
    };
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

  #context(): VerifyContext & { report: InvalidHandler } {
    const backend = this.#options.backend;
    return {
      now: () => this.#now(),
      report: this.#options.onInvalid ?? (() => {}),
      ...(backend === undefined ? {} : { backend }),
    };
  }

  async #send(
    intent: Intent,
    answering: Intent | Offer | Reply,
    terms: Offer['body']['terms'],
    input: OfferInput,
  ) {
    const { key, did } = await this.#loadIdentity();
    const { body, replyKey } = await offerBody(intent, terms, this.#options.profile, input);
    const now = this.#now();
    const offer = createOffer(
      answering,
      body,
      key.secretKey,
      buildOptions(now, this.#options.backend, input.expiresIn),
    );
    parseMessage(offer, buildOptions(now, this.#options.backend));
    if (offer.author !== did)
      throw new IntentcastError('ERR_KEY_INVALID', 'the offer is not signed by the identity');
    if (replyKey !== undefined) {
      await this.#keystore.put(keyName('seal', offer.id), {
        kind: 'seal',
        offer: offer.id,
        thread: intent.id,
        sealKey: replyKey.privateJwk,
        created: formatTimestamp(now),
      });
    }
    const published = await this.#relays.publish(offer, input.signal);
    this.#negotiations.set(intent.id, {
      intent,
      latest: offer,
      price: input.price,
      sealed: input.sealPrice === true,
    });
    return published;
  }

  /** What the vendor knows of its negotiation in a thread; asked of the relays when not remembered. */
  async #negotiation(thread: string, signal?: AbortSignal): Promise<NegotiationState> {
    const known = this.#negotiations.get(thread);
    if (known !== undefined) return known;
    const { key, did } = await this.#loadIdentity();
    const view = await this.#relays.first((client) =>
      client.thread(thread, { key, ...(signal === undefined ? {} : { signal }) }),
    );
    const offers = view.messages.filter((m): m is Offer => m.type === 'offer' && m.author === did);
    const latest = offers.at(-1);
    if (latest === undefined) {
      throw new IntentcastError('ERR_NOT_FOUND', `this vendor has no offer in thread ${thread}`);
    }
    const state = {
      intent: view.intent,
      latest,
      price: latest.body.price,
      sealed: latest.body.sealed !== undefined,
    };
    this.#negotiations.set(thread, state);
    return state;
  }

  #loadIdentity(): Promise<Identity> {
    this.#identity ??= loadIdentity(this.#keystore, {
      name: this.#options.identityName ?? 'default',
      given: this.#options.identity,
      backend: this.#options.backend,
      now: this.#now(),
    }).catch((err: unknown) => {
      this.#identity = undefined;
      throw err;
    });
    return this.#identity;
  }

  #mailbox<T extends VendorMail>(keep: (message: VendorMail) => message is T, options: FeedOptions): Feed<T> {
    const misfit = (message: Message): Misfit =>
      message.type === 'reply' || message.type === 'withdraw'
        ? undefined
        : { code: 'ERR_UNKNOWN_TYPE', message: `a ${message.type} in a vendor's mailbox` };
    // A reply is sealed to the seal key of the offer it answers.
    const sealKeyFor = async (message: Reply | Withdraw) => {
      if (message.type !== 'reply') return undefined;
      const record = await this.#keystore.get(keyName('seal', message.ref));
      return record?.kind === 'seal' ? record.sealKey : undefined;
    };
    return this.#relays.feed(async () => {
      const { key } = await this.#loadIdentity();
      const process = receiving<Reply | Withdraw>(this.#context(), misfit, sealKeyFor);
      return { spec: { mailbox: key }, process: keeping(process as Processor<VendorMail>, keep) };
    }, options);
  }
}
