import type { Intent } from '@intentcast/core';
import type { EventSource, StoredEvent } from '../events.js';
import { type IntentFilter, matchesFilter } from '../filter.js';

/** Why an event reaches a subscriber: a public intent its filter matched, or a message to its key. */
export type EventKind = 'intent' | 'mailbox';

/** What a subscription selects: public intents matching `filter` (when given), the mailbox of `mailbox` (when given). */
export interface Selection {
  filter?: IntentFilter;
  mailbox?: string;
}

export interface BacklogPage {
  /** Selected events after the requested seq, oldest first, each once. */
  items: { event: StoredEvent; kind: EventKind }[];
  /** Every selected event with a seq up to this one is in this page or an earlier one. */
  through: number;
  /** True when the source held nothing more at the time of the read. */
  done: boolean;
}

/**
 * Reads one page of what `selection` missed after `afterSeq`, merging the public intents and the mailbox
 * in seq order. When a source returns a full page, the page stops at the lowest last seq of the full
 * pages, since the other source may still hold events below it; `through` says where to continue.
 * Synchronous, like the source: a caller that goes live in the same turn as a `done` read misses nothing.
 *
 * @example
 * let after = cursor;
 * for (;;) {
 *   const page = readBacklog(store, { filter }, after, 256);
 *   for (const { event } of page.items) send(event);
 *   after = page.through;
 *   if (page.done) break;
 * }
 */
export function readBacklog(
  source: EventSource,
  selection: Selection,
  afterSeq: number,
  pageSize: number,
): BacklogPage {
  const { filter, mailbox } = selection;
  const intents = filter === undefined ? [] : source.intentsAfter(afterSeq, pageSize);
  const mail = mailbox === undefined ? [] : source.mailboxAfter(mailbox, afterSeq, pageSize);
  let bound = Number.POSITIVE_INFINITY;
  if (intents.length >= pageSize) bound = Math.min(bound, intents[intents.length - 1]!.seq);
  if (mail.length >= pageSize) bound = Math.min(bound, mail[mail.length - 1]!.seq);
  const done = bound === Number.POSITIVE_INFINITY;

  const items: BacklogPage['items'] = [];
  let last = afterSeq;
  let i = 0;
  let j = 0;
  while (i < intents.length || j < mail.length) {
    const a = intents[i];
    const b = mail[j];
    const takeIntent = b === undefined || (a !== undefined && a.seq <= b.seq);
    const event = (takeIntent ? a : b)!;
    if (takeIntent) i++;
    else j++;
    if (event.seq > bound) break;
    if (event.seq <= last) continue;
    if (takeIntent) {
      if (event.message.type !== 'intent' || !matchesFilter(filter!, event.message as Intent)) continue;
    }
    last = event.seq;
    items.push({ event, kind: takeIntent ? 'intent' : 'mailbox' });
  }
  return { items, through: done ? Math.max(afterSeq, source.lastSeq()) : bound, done };
}
