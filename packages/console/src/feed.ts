import type { IntentFilter } from '@intentcast/client/browser';
import { type Intent, validateMessage } from '@intentcast/core';
import { type Context, suggestCategories } from './context.js';
import { announce, field, fieldValue, h } from './dom.js';
import { showError } from './errors.js';
import { intentCard } from './intent-view.js';
import { relayPanel } from './relay-panel.js';

const PAGE_SIZE = 50;
/** Cards kept on the page; the oldest go first. */
const MAX_CARDS = 200;

function filterFrom(form: HTMLFormElement): IntentFilter {
  const filter: IntentFilter = {};
  const category = fieldValue(form, 'category');
  const region = fieldValue(form, 'region');
  const q = fieldValue(form, 'q');
  const currency = fieldValue(form, 'currency');
  const budgetMin = fieldValue(form, 'budgetMin');
  const budgetMax = fieldValue(form, 'budgetMax');
  if (category !== undefined) filter.category = category;
  if (region !== undefined) filter.region = region;
  if (q !== undefined) filter.q = q;
  if (currency !== undefined) filter.currency = currency.toUpperCase();
  if (budgetMin !== undefined) filter.budgetMin = budgetMin;
  if (budgetMax !== undefined) filter.budgetMax = budgetMax;
  return filter;
}

function filterForm(onApply: (filter: IntentFilter) => void): HTMLFormElement {
  const input = (name: string, attributes: Record<string, string> = {}) =>
    h('input', { name, autocomplete: 'off', ...attributes });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter intents', novalidate: true },
    field('Category', input('category', { list: 'categories', placeholder: 'lodging' })),
    h('datalist', { id: 'categories' }),
    field('Region', input('region', { placeholder: 'PT' }), 'ISO 3166: a country also matches its regions'),
    field(
      'Words',
      input('q', { type: 'search', placeholder: 'quiet room' }),
      'All must be in the description',
    ),
    field('Currency', input('currency', { placeholder: 'EUR', maxlength: '3', size: '4' })),
    field('Budget from', input('budgetMin', { inputmode: 'decimal', placeholder: '100' })),
    field('Budget to', input('budgetMax', { inputmode: 'decimal', placeholder: '200' })),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit' }, 'Apply filters'),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            form.reset();
            onApply({});
          },
        },
        'Clear',
      ),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onApply(filterFrom(form));
  });
  return form;
}

/**
 * The feed page: open public intents matching the filters, newest first, then every new one as the relay
 * streams it; and the relay panel. Intents from the page query and from the stream are verified by the
 * SDK and core before they are shown.
 */
export function feedPage(context: Context, main: HTMLElement, signal: AbortSignal): void {
  const panel = relayPanel(context, signal);
  const status = h('p', { class: 'status', role: 'status' }, 'Loading…');
  const errors = h('div');
  const list = h('ol', { class: 'cards', 'aria-label': 'Intents' });
  const form = filterForm((filter) => load(filter));
  main.append(
    h('h1', { tabindex: '-1' }, 'Live feed'),
    h('div', { class: 'columns' }, h('div', {}, form, status, errors, list), h('aside', {}, panel.element)),
  );
  suggestCategories(context, form, signal);

  let run: AbortController | undefined;
  const seen = new Set<string>();

  const count = () => {
    status.textContent = `${list.children.length} open ${list.children.length === 1 ? 'intent' : 'intents'} · live: new ones appear at the top`;
  };
  const add = (intent: Intent, live: boolean) => {
    if (seen.has(intent.id)) return;
    seen.add(intent.id);
    const item = h('li', { class: live ? 'fresh' : undefined }, intentCard(intent));
    if (live) list.prepend(item);
    else list.append(item);
    while (list.children.length > MAX_CARDS) list.lastElementChild?.remove();
  };

  async function load(filter: IntentFilter): Promise<void> {
    run?.abort();
    const current = new AbortController();
    run = current;
    signal.addEventListener('abort', () => current.abort(), { once: true });
    seen.clear();
    list.replaceChildren();
    showError(errors, undefined);
    status.textContent = 'Loading…';
    try {
      // The stream starts after the last message the relay had stored before the page was read, so that
      // nothing cast in between is missed; what both carry is shown once.
      const stats = await context.stats(current.signal).catch(() => undefined);
      context.relay
        .subscribe(
          { filter, ...(stats === undefined ? {} : { cursor: stats.store.lastSeq }) },
          {
            event(_seq, raw) {
              const checked = validateMessage(raw, { now: Date.now() });
              if (!checked.ok || checked.value.type !== 'intent' || current.signal.aborted) return;
              add(checked.value, true);
              count();
              announce(`New intent: ${checked.value.body.what.description}`);
              panel.refresh();
            },
          },
          { signal: current.signal },
        )
        .catch((err: unknown) => {
          if (!current.signal.aborted) showError(errors, err, 'The live stream stopped');
        });
      const page = await context.relay.intents({ ...filter, limit: PAGE_SIZE }, current.signal);
      if (current.signal.aborted) return;
      for (const intent of page.intents) add(intent, false);
      count();
    } catch (err) {
      if (current.signal.aborted) return;
      status.textContent = 'No intents shown.';
      showError(errors, err, 'Reading intents failed');
    }
  }

  void load({});
}
