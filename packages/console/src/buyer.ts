import type { IntentKeyRecord } from '@intentcast/client/browser';
import { castForm, castInput } from './cast-form.js';
import { type Context, suggestCategories } from './context.js';
import { announce, h, short } from './dom.js';
import { showError } from './errors.js';
import { time } from './format.js';
import { threadView } from './thread.js';

/** The intents whose keys this browser holds, newest first. */
async function storedIntents(context: Context): Promise<IntentKeyRecord[]> {
  const records: IntentKeyRecord[] = [];
  for (const name of await context.keystore.list('intent.')) {
    const record = await context.keystore.get(name);
    if (record?.kind === 'intent') records.push(record);
  }
  return records.sort((a, b) => b.created.localeCompare(a.created));
}

function intentList(records: IntentKeyRecord[], selected: string | undefined): HTMLElement {
  if (records.length === 0) return h('p', { class: 'hint' }, 'None yet: cast one with the form.');
  return h(
    'ul',
    { class: 'mine', 'aria-label': 'Intents cast from this browser' },
    ...records.map(({ intent, created }) =>
      h(
        'li',
        { 'data-intent-id': intent.id },
        h(
          'a',
          { href: `#/buyer/${intent.id}`, 'aria-current': intent.id === selected ? 'page' : undefined },
          intent.body.what.description,
        ),
        ' ',
        h('span', { class: 'meta' }, `${intent.body.what.category} · ${time(created)} · key `),
        h('span', { 'data-author': intent.author }, short(intent.author)),
      ),
    ),
  );
}

/**
 * The buyer page: cast an intent (signed here with a fresh key that IndexedDB keeps; the secret never
 * leaves the page), the intents this browser holds keys for, and the selected one's thread.
 */
export function buyerPage(
  context: Context,
  main: HTMLElement,
  signal: AbortSignal,
  intentId: string | undefined,
): void {
  const result = h('div', { role: 'status', class: 'result' });
  const errors = h('div');
  const mine = h('div', {}, h('p', {}, 'Loading…'));
  const form = castForm(async (target) => {
    const button = target.querySelector<HTMLButtonElement>('button[type=submit]');
    if (button !== null) button.disabled = true;
    showError(errors, undefined);
    result.textContent = 'Signing and publishing…';
    try {
      const { input, options } = castInput(target);
      const { intent, receipts, failures } = await context.buyer.cast(input, { ...options, signal });
      result.textContent = `Cast intent ${intent.id.slice(0, 12)}…: stored by ${receipts.length} relay${receipts.length === 1 ? '' : 's'}.`;
      for (const failure of failures) showError(errors, failure.error, `Not stored by ${failure.relay}`);
      announce('Intent cast.');
      target.reset();
      location.hash = `#/buyer/${intent.id}`;
    } catch (err) {
      result.textContent = '';
      showError(errors, err, 'The intent was not cast');
    } finally {
      if (button !== null) button.disabled = false;
    }
  });

  main.append(
    h('h1', { tabindex: '-1' }, 'Buyer'),
    h(
      'p',
      { class: 'lead' },
      'Each intent is signed with a fresh key made in this browser and kept in its IndexedDB: the secret keys never leave this page, and no two intents can be linked by their keys. Offers are checked here, and sealed prices opened here.',
    ),
    h(
      'div',
      { class: 'columns' },
      h(
        'div',
        {},
        intentId === undefined ? null : threadView(context, intentId, signal),
        form,
        result,
        errors,
      ),
      h(
        'aside',
        {},
        h(
          'section',
          { class: 'panel', 'aria-labelledby': 'mine-heading' },
          h('h2', { id: 'mine-heading' }, 'Your intents'),
          mine,
        ),
      ),
    ),
  );

  suggestCategories(context, form, signal);
  storedIntents(context).then(
    (records) => mine.replaceChildren(intentList(records, intentId)),
    (err: unknown) => showError(mine, err, 'Reading the keystore failed'),
  );
}
