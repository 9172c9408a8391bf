import type { ErrorCode, Message, SealPrivateKey } from '@intentcast/core';
import type { Processor } from './feed.js';
import { openPart } from './sealing.js';
import {
  asReceived,
  checkIncoming,
  type InvalidHandler,
  invalid,
  type Received,
  type VerifyContext,
} from './verify.js';

/** Why a message that verified is still not one a feed may carry. */
export type Misfit = { code: ErrorCode; message: string } | undefined;

/**
 * The processor of a feed: checks each message (checkIncoming), refuses the ones `misfit` names, opens the
 * sealed part with the key `sealKeyFor` finds, and hands over the result as Received. Whatever fails is
 * reported to `report` and dropped.
 */
export function receiving<M extends Message>(
  context: VerifyContext & { report: InvalidHandler },
  misfit: (message: Message) => Misfit,
  sealKeyFor: (message: M) => Promise<SealPrivateKey | undefined>,
): Processor<Received<M>> {
  return async (raw, relay, seq) => {
    const checked = checkIncoming(raw, context);
    if (!checked.ok) return void context.report(invalid(checked, relay.url, seq, raw));
    const problem = misfit(checked.value);
    if (problem !== undefined) return void context.report(invalid(problem, relay.url, seq, raw));
    const message = checked.value as M;
    const opened = await openPart(message, await sealKeyFor(message));
    if (!opened.ok) return void context.report(invalid(opened, relay.url, seq, raw));
    return asReceived(message, { opened: opened.value, relay: relay.url, seq });
  };
}

/** The same processor, yielding only what `keep` selects (the rest is valid, just not wanted here). */
export function keeping<T, U extends T>(process: Processor<T>, keep: (item: T) => item is U): Processor<U> {
  return async (raw, relay, seq) => {
    const item = await process(raw, relay, seq);
    return item !== undefined && keep(item) ? item : undefined;
  };
}
