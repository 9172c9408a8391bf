/**
 * TypeScript types of Intentcast messages. They mirror spec/schemas/*.json, which are normative;
 * a type test keeps the two in step.
 */

/** The protocol version this software speaks. */
export const PROTOCOL = 'intentcast/1';

export const MESSAGE_TYPES = ['intent', 'offer', 'reply', 'withdraw', 'confirm'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** RFC 3339 UTC time, `YYYY-MM-DDTHH:MM:SSZ` or with exactly three fractional digits. */
export type Timestamp = string;

/** A decimal amount as a string, e.g. `"149.90"`: never a JSON number. */
export interface Money {
  amount: string;
  currency: string;
}

export interface TimeWindow {
  start: Timestamp;
  end: Timestamp;
}

export interface TermsRef {
  uri: string;
  sha256: string;
}

/** An X25519 public key as a JWK. */
export interface SealKey {
  kty: 'OKP';
  crv: 'X25519';
  x: string;
}

export type ReasonCode =
  | 'price'
  | 'dates'
  | 'quantity'
  | 'terms'
  | 'location'
  | 'quality'
  | 'vendor'
  | 'timing'
  | 'chose-other'
  | 'no-longer-needed'
  | 'other';

export const REASON_CODES: readonly ReasonCode[] = [
  'price',
  'dates',
  'quantity',
  'terms',
  'location',
  'quality',
  'vendor',
  'timing',
  'chose-other',
  'no-longer-needed',
  'other',
];

export interface IntentBody {
  what: {
    category: string;
    description: string;
    attributes?: Record<string, string | number | boolean>;
    quantity: number;
  };
  where?: { region?: string; geo?: { lat: number; lon: number; radiusKm: number } };
  when?: TimeWindow;
  budget?: { currency: string; max: string; min?: string };
  terms: TermsRef[];
  offerCap: number;
  sealKey?: SealKey;
}

export interface OfferBody {
  description: string;
  price?: Money;
  quantity: number;
  when?: TimeWindow;
  terms: TermsRef;
  vendor: { name: string; url?: string };
  note?: string;
  sealKey?: SealKey;
  sealed?: string;
}

export type Decision = 'accept' | 'decline' | 'counter' | 'question';

export interface CounterTerms {
  price?: Money;
  when?: TimeWindow;
  quantity?: number;
}

export interface ReplyBody {
  decision: Decision;
  reason?: ReasonCode;
  terms?: TermsRef;
  counter?: CounterTerms;
  text?: string;
  sealed?: string;
}

export interface WithdrawBody {
  reason?: ReasonCode;
  text?: string;
}

export interface ConfirmBody {
  reference?: string;
  text?: string;
  sealed?: string;
}

export interface BodyByType {
  intent: IntentBody;
  offer: OfferBody;
  reply: ReplyBody;
  withdraw: WithdrawBody;
  confirm: ConfirmBody;
}

/** Extension fields: reverse-DNS names, JSON values. */
export type Extensions = Record<string, unknown>;

export interface EnvelopeFields<T extends MessageType> {
  protocol: typeof PROTOCOL;
  type: T;
  /** The author's Ed25519 key as did:key. */
  author: string;
  created: Timestamp;
  expires: Timestamp;
  /** 16 to 32 random bytes, lowercase hex. */
  nonce: string;
  body: BodyByType[T];
  ext?: Extensions;
}

export interface AnswerFields {
  /** The id of the message this one answers. */
  ref: string;
  /** The id of the intent that starts the thread. */
  thread: string;
}

type Unsigned<T extends MessageType> = T extends 'intent'
  ? EnvelopeFields<T>
  : EnvelopeFields<T> & AnswerFields;

/** A message before it is signed: everything but `id` and `sig`. */
export type UnsignedMessage<T extends MessageType = MessageType> = T extends MessageType
  ? Unsigned<T>
  : never;

/** A signed message of type T. */
export type Message<T extends MessageType = MessageType> = T extends MessageType
  ? Unsigned<T> & { id: string; sig: string }
  : never;

export type Intent = Message<'intent'>;
export type Offer = Message<'offer'>;
export type Reply = Message<'reply'>;
export type Withdraw = Message<'withdraw'>;
export type Confirm = Message<'confirm'>;

/** Plaintext of a sealed part (spec/schemas/sealed-content.json). */
export interface SealedContent {
  price?: Money;
  counter?: CounterTerms;
  text?: string;
  contact?: { name?: string; email?: string; phone?: string };
}
