/**
 * Type tests of the public API. `tsc -p tsconfig.json` checks them (the root tsconfig includes the tests);
 * at run time the few runtime assertions tie the types to the JSON Schemas they mirror.
 */
import {
  type BodyByType,
  canonicalBytes,
  createIntent,
  createOffer,
  type createReply,
  type Decision,
  type Ed25519Backend,
  type ErrorCode,
  type Failure,
  type Intent,
  type IntentBody,
  IntentcastError,
  type JsonValue,
  type KeyPair,
  MESSAGE_TYPES,
  type Message,
  type MessageType,
  type Money,
  messageId,
  type Offer,
  type OfferBody,
  parseJson,
  parseMessage,
  REASON_CODES,
  type ReasonCode,
  type Reply,
  type ReplyBody,
  type Result,
  SCHEMAS,
  type SignableMessage,
  signMessage,
  validateMessage,
  verifyMessage,
  type WithdrawBody,
} from '@intentcast/core';
import { describe, expect, expectTypeOf, it } from 'vitest';

/** The names of the members of T that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

describe('message types', () => {
  it('give an intent its body.what and no ref or thread', () => {
    expectTypeOf<Message<'intent'>>().toEqualTypeOf<Intent>();
    expectTypeOf<Intent['body']['what']['description']>().toEqualTypeOf<string>();
    expectTypeOf<Intent['body']>().toEqualTypeOf<IntentBody>();
    expectTypeOf<Intent>().not.toHaveProperty('ref');
    expectTypeOf<Intent>().not.toHaveProperty('thread');
    expectTypeOf<Intent['type']>().toEqualTypeOf<'intent'>();
  });

  it('give every answer a ref and a thread', () => {
    expectTypeOf<Offer>().toHaveProperty('ref').toEqualTypeOf<string>();
    expectTypeOf<Offer>().toHaveProperty('thread').toEqualTypeOf<string>();
    expectTypeOf<Reply['ref']>().toEqualTypeOf<string>();
    expectTypeOf<Message<'withdraw'>['thread']>().toEqualTypeOf<string>();
    expectTypeOf<Message<'confirm'>['ref']>().toEqualTypeOf<string>();
  });

  it('make Message the union of the five types, narrowed by `type`', () => {
    expectTypeOf<Message>().toEqualTypeOf<Message<MessageType>>();
    expectTypeOf<Message['type']>().toEqualTypeOf<MessageType>();
    const narrow = (message: Message) => (message.type === 'offer' ? message : undefined);
    expectTypeOf(narrow).returns.toEqualTypeOf<Offer | undefined>();
    expectTypeOf<(typeof MESSAGE_TYPES)[number]>().toEqualTypeOf<keyof BodyByType>();
  });

  it('keep amounts as strings, never numbers', () => {
    expectTypeOf<Money['amount']>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<IntentBody['budget']>['max']>().toEqualTypeOf<string>();
  });
});

describe('functions', () => {
  it('validateMessage returns Result<Message>; verifyMessage returns boolean', () => {
    expectTypeOf(validateMessage).returns.toEqualTypeOf<Result<Message>>();
    expectTypeOf(validateMessage).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(verifyMessage).returns.toEqualTypeOf<boolean>();
    expectTypeOf(parseMessage).returns.toEqualTypeOf<Message>();
    expectTypeOf(parseJson).returns.toEqualTypeOf<JsonValue>();
  });

  it('Result narrows on ok', () => {
    const read = (result: Result<Message>) => (result.ok ? result.value : result);
    expectTypeOf(read).returns.toEqualTypeOf<Message | Failure>();
    expectTypeOf<Extract<Result<Message>, { ok: false }>['code']>().toEqualTypeOf<ErrorCode>();
  });

  it('createOffer answers an intent, an offer or a reply; createReply only an offer', () => {
    expectTypeOf<Intent>().toExtend<Parameters<typeof createOffer>[0]>();
    expectTypeOf<Reply>().toExtend<Parameters<typeof createOffer>[0]>();
    expectTypeOf(createOffer).returns.toEqualTypeOf<Offer>();
    expectTypeOf(createIntent).returns.toEqualTypeOf<Intent>();
    expectTypeOf<Offer>().toExtend<Parameters<typeof createReply>[0]>();
    expectTypeOf<Intent>().not.toExtend<Parameters<typeof createReply>[0]>();
  });

  it('signMessage returns the type it was given, and refuses signed input', () => {
    expectTypeOf(signMessage<'offer'>).returns.toEqualTypeOf<Offer>();
    expectTypeOf<SignableMessage<'intent'>['id']>().toEqualTypeOf<undefined>();
    expectTypeOf<Intent>().not.toExtend<SignableMessage<'intent'>>();
    expectTypeOf<SignableMessage<'intent'>>().toHaveProperty('author').toEqualTypeOf<string | undefined>();
  });

  it('messageId and canonicalBytes take any message object', () => {
    expectTypeOf(messageId).toBeCallableWith({ ...({} as Intent) });
    expectTypeOf(canonicalBytes).toBeCallableWith({ a: 1 });
    expectTypeOf(messageId).toBeCallableWith({} as Intent);
  });

  it('key pairs and backends deal in bytes', () => {
    expectTypeOf<KeyPair>().toEqualTypeOf<{ secretKey: Uint8Array; publicKey: Uint8Array }>();
    expectTypeOf<Ed25519Backend['verify']>().returns.toEqualTypeOf<boolean>();
    expectTypeOf<Ed25519Backend['sign']>().parameters.toEqualTypeOf<[Uint8Array, Uint8Array]>();
  });
});

describe('errors', () => {
  it('ErrorCode is a union of literal codes, not any string', () => {
    expectTypeOf<'ERR_SCHEMA'>().toExtend<ErrorCode>();
    expectTypeOf<'ERR_SIGNATURE_INVALID'>().toExtend<ErrorCode>();
    expectTypeOf<'ERR_NOPE'>().not.toExtend<ErrorCode>();
    expectTypeOf<string>().not.toExtend<ErrorCode>();
    expectTypeOf<IntentcastError['code']>().toEqualTypeOf<ErrorCode>();
  });

  it('narrows in a switch on code', () => {
    const describeCode = (err: IntentcastError) => {
      switch (err.code) {
        case 'ERR_EXPIRED':
          return err.code;
        default:
          return undefined;
      }
    };
    expectTypeOf(describeCode).returns.toEqualTypeOf<'ERR_EXPIRED' | undefined>();
    // @ts-expect-error an unknown code is a compile error
    expect(() => new IntentcastError('ERR_NOPE', 'x')).not.toThrow();
  });
});

describe('the types mirror the schemas', () => {
  const decisions = ['accept', 'decline', 'counter', 'question'] as const satisfies readonly Decision[];
  const intentBodyKeys = ['what', 'where', 'when', 'budget', 'terms', 'offerCap', 'sealKey'] as const;
  const offerBodyKeys = [
    'description',
    'price',
    'quantity',
    'when',
    'terms',
    'vendor',
    'note',
    'sealKey',
    'sealed',
  ] as const;
  const replyBodyKeys = ['decision', 'reason', 'terms', 'counter', 'text', 'sealed'] as const;
  const withdrawBodyKeys = ['reason', 'text'] as const;
  const bodySchema = (type: MessageType) =>
    SCHEMAS[type].properties.body as { properties: object; required?: string[] };

  it('list the same decisions and reason codes', () => {
    expectTypeOf<(typeof decisions)[number]>().toEqualTypeOf<Decision>();
    expect(SCHEMAS.reply.properties.body.properties.decision.enum).toEqual([...decisions]);
    expectTypeOf<(typeof REASON_CODES)[number]>().toEqualTypeOf<ReasonCode>();
    expect(SCHEMAS.defs.$defs.reason.enum).toEqual([...REASON_CODES]);
    expect(SCHEMAS.envelope.properties.type.enum).toEqual([...MESSAGE_TYPES]);
  });

  it('name the same body members, and require the same ones', () => {
    expectTypeOf<(typeof intentBodyKeys)[number]>().toEqualTypeOf<keyof IntentBody>();
    expectTypeOf<(typeof offerBodyKeys)[number]>().toEqualTypeOf<keyof OfferBody>();
    expectTypeOf<(typeof replyBodyKeys)[number]>().toEqualTypeOf<keyof ReplyBody>();
    expectTypeOf<(typeof withdrawBodyKeys)[number]>().toEqualTypeOf<keyof WithdrawBody>();
    expect(Object.keys(bodySchema('intent').properties)).toEqual([...intentBodyKeys]);
    expect(Object.keys(bodySchema('offer').properties)).toEqual([...offerBodyKeys]);
    expect(Object.keys(bodySchema('reply').properties)).toEqual([...replyBodyKeys]);
    expect(Object.keys(bodySchema('withdraw').properties)).toEqual([...withdrawBodyKeys]);

    expectTypeOf<RequiredKeys<IntentBody>>().toEqualTypeOf<'what' | 'terms' | 'offerCap'>();
    expect(bodySchema('intent').required).toEqual(['what', 'terms', 'offerCap']);
    expectTypeOf<RequiredKeys<OfferBody>>().toEqualTypeOf<'description' | 'quantity' | 'terms' | 'vendor'>();
    expect(bodySchema('offer').required).toEqual(['description', 'quantity', 'terms', 'vendor']);
    expectTypeOf<RequiredKeys<ReplyBody>>().toEqualTypeOf<'decision'>();
    expect(bodySchema('reply').required).toEqual(['decision']);
    expectTypeOf<RequiredKeys<IntentBody['what']>>().toEqualTypeOf<'category' | 'description' | 'quantity'>();
  });
});
