import { IntentcastError } from './errors.js';
import { assertSealedContent } from './schemas.js';
import { parseTimestamp } from './time.js';
import type { Decision, SealedContent } from './types.js';

/**
 * The rules of sealed content beyond its schema (spec/sealed.md#plaintext): its time windows, and which
 * members each kind of message may seal.
 */

/**
 * The message a sealed part is for: an offer, a reply with its decision, or a confirm. It decides which
 * members the sealed content may hold.
 */
export type SealedFor = { type: 'offer' } | { type: 'reply'; decision: Decision } | { type: 'confirm' };

const DECISIONS: readonly string[] = ['accept', 'decline', 'counter', 'question'];

/**
 * The members sealed content may hold, by the message that carries it. A price binds only in an offer and
 * counter terms only in a counter, so nothing else may carry them, even out of sight of relays.
 */
function allowedMembers(purpose: SealedFor): readonly string[] {
  if (purpose.type === 'offer') return ['price', 'text', 'contact'];
  if (purpose.type === 'reply' && purpose.decision === 'counter') return ['counter', 'text', 'contact'];
  return ['text', 'contact'];
}

function describePurpose(purpose: SealedFor): string {
  return purpose.type === 'reply'
    ? `a ${purpose.decision} reply`
    : `${purpose.type === 'offer' ? 'an' : 'a'} ${purpose.type}`;
}

function sealFail(message: string, path?: string): never {
  throw new IntentcastError('ERR_SEAL', message, path === undefined ? {} : { path });
}

/** Checks that `value` names a message that can carry a sealed part; throws ERR_SEAL. */
export function assertSealedFor(value: unknown, name: string): asserts value is SealedFor {
  const purpose = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const { type, decision } = purpose;
  if (type !== 'offer' && type !== 'reply' && type !== 'confirm')
    sealFail(`${name}.type must be "offer", "reply" or "confirm", got ${JSON.stringify(type) ?? 'nothing'}`);
  if (type === 'reply' && (typeof decision !== 'string' || !DECISIONS.includes(decision))) {
    sealFail(
      `${name}.decision must be one of ${DECISIONS.join(', ')}, got ${JSON.stringify(decision) ?? 'nothing'}`,
    );
  }
}

/** A time window in sealed content follows the rules of every window (spec/values.md#time-windows). */
function checkWindow(content: SealedContent): void {
  const when = content.counter?.when;
  if (when === undefined) return;
  const path = '/counter/when';
  let start: number;
  let end: number;
  try {
    start = parseTimestamp(when.start, `${path}/start`);
    end = parseTimestamp(when.end, `${path}/end`);
  } catch (err) {
    const failure = err as IntentcastError;
    sealFail(`sealed content: ${failure.message}`, failure.path);
  }
  if (end <= start) sealFail(`sealed content: ${path}/end must be after start`, `${path}/end`);
}

/**
 * Checks parsed sealed content against the sealed-content schema. Throws ERR_SEAL with the path of the
 * first problem.
 */
export function checkSealedSchema(content: unknown): asserts content is SealedContent {
  assertSealedContent(content);
}

/**
 * Checks what the schema cannot say of sealed content: that its time window names real times and ends after
 * it starts, and, when `purpose` is given, that it holds only the members that kind of message may seal.
 * Throws ERR_SEAL with the path of the problem.
 */
export function checkSealedRules(content: SealedContent, purpose?: SealedFor): void {
  checkWindow(content);
  if (purpose === undefined) return;
  const allowed = allowedMembers(purpose);
  for (const member of Object.keys(content)) {
    if (!allowed.includes(member)) {
      sealFail(
        `sealed content: /${member} is not allowed in ${describePurpose(purpose)}, which may seal only ${allowed.join(', ')}`,
        `/${member}`,
      );
    }
  }
}

/** The public members that sealed content must not repeat, by the member of the content. */
const PUBLIC_TWIN = { price: 'price', counter: 'counter' } as const;

/**
 * Refuses sealed content that carries a member the message also carries in public (an offer's `price`, a
 * counter's `counter`): two prices in one signed message would leave open which one binds.
 */
export function checkNotAlsoPublic(content: SealedContent, body: Readonly<Record<string, unknown>>): void {
  for (const [member, twin] of Object.entries(PUBLIC_TWIN)) {
    if (member in content && body[twin] !== undefined) {
      sealFail(
        `sealed content: /${member} is also in the public body (body.${twin}); a message carries it in one place only`,
        `/${member}`,
      );
    }
  }
}
