import type { Intent } from '@intentcast/core';
import { type Child, facts, h, short } from './dom.js';
import { budget, dates, time } from './format.js';

/**
 * An intent as a card: what, where, when, budget, terms and who cast it. `extra` goes at the end (links,
 * state).
 */
export function intentCard(intent: Intent, ...extra: Child[]): HTMLElement {
  const { what, where, when, terms } = intent.body;
  return h(
    'article',
    { class: 'card intent', 'data-intent-id': intent.id, 'aria-label': `Intent: ${what.description}` },
    h('p', { class: 'category' }, what.category),
    h('p', { class: 'description' }, what.description),
    facts([
      ['Quantity', what.quantity],
      ['Region', where?.region],
      ['Dates', dates(when)],
      ['Budget', budget(intent.body.budget)],
      ['Terms', terms.map((t) => t.uri).join(', ')],
      ['Cast', time(intent.created)],
      ['Expires', time(intent.expires)],
      ['Buyer key', short(intent.author)],
    ]),
    ...extra,
  );
}
