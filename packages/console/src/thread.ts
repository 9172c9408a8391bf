import { type BuyerMail, keyName, type Received } from '@intentcast/client/browser';
import type { Confirm, Decision, Intent, Offer, ThreadState } from '@intentcast/core';
import type { Context } from './context.js';
import { announce, facts, field, h, short } from './dom.js';
import { showError } from './errors.js';
import { dates, money, time } from './format.js';
import { intentCard } from './intent-view.js';

const STATES: Record<ThreadState, string> = {
  open: 'open: taking offers',
  accepted: 'accepted: waiting for the vendor to confirm',
  closed: 'confirmed: the deal is closed',
  withdrawn: 'withdrawn',
  expired: 'expired',
};

/** What the buyer's own replies, read back from the relay, say on the offer they answer. */
const SAID: Partial<Record<Decision, string>> = {
  accept: 'You accepted this offer.',
  counter: 'You countered this offer.',
  decline: 'You declined this offer.',
};

/** The price of an offer as the buyer sees it: a sealed one is opened with the intent's seal key. */
function priceOf(offer: Received<Offer>): string {
  const sealed = offer.body.sealed !== undefined;
  const opened = money(offer.opened?.price);
  if (opened !== undefined) return `${opened}${sealed ? ' (sealed; opened in this browser)' : ''}`;
  return money(offer.body.price) ?? (sealed ? 'sealed, and it did not open here' : 'none given');
}

interface OfferCard {
  element: HTMLElement;
  outcome: HTMLElement;
  buttons: HTMLButtonElement[];
  /** The vendor's key: its next offer replaces this one. */
  author: string;
}

/**
 * One intent of this browser's buyer: the intent, the thread's state, and the offers as they arrive
 * (verified by the SDK, sealed prices opened), each with Accept and Counter; confirmations when the
 * vendor sends them.
 */
export function threadView(context: Context, intentId: string, signal: AbortSignal): HTMLElement {
  const { buyer } = context;
  const stateLabel = h('strong', { 'data-thread-state': '' }, '…');
  const errors = h('div');
  // New offers are announced in a sentence through the page's live region, not by reading the whole card.
  const offers = h('ol', { class: 'cards offers', 'aria-label': 'Offers' });
  const empty = h('p', { class: 'hint' }, 'No offers yet: they appear here as vendors send them.');
  const confirmations = h('div', { class: 'confirmations' });
  const intentSlot = h('div');
  const section = h(
    'section',
    { class: 'thread', 'aria-labelledby': 'thread-heading', 'data-thread': intentId },
    h('h2', { id: 'thread-heading', tabindex: '-1' }, 'Intent ', short(intentId)),
    intentSlot,
    h('p', { class: 'state' }, 'State: ', stateLabel),
    errors,
    confirmations,
    h('h3', {}, 'Offers'),
    empty,
    offers,
  );
  const cards = new Map<string, OfferCard>();
  let state: ThreadState = 'open';

  // Only the latest message of a negotiation can be answered: not an offer withdrawn, one the buyer has
  // countered (the counter is the latest), nor one the vendor has replaced with a revision.
  const isHead = (card: OfferCard) =>
    !['withdrawn', 'countered', 'replaced'].some((mark) => card.element.dataset[mark] === '');

  const setActionsEnabled = () => {
    for (const card of cards.values()) {
      for (const button of card.buttons) button.disabled = state !== 'open' || !isHead(card);
    }
  };

  let reads = 0;
  const refreshState = async () => {
    const read = ++reads;
    try {
      const thread = await buyer.thread(intentId, signal);
      if (read !== reads) return;
      state = thread.state;
      stateLabel.textContent = STATES[state];
      stateLabel.dataset.threadState = state;
      for (const message of thread.messages) {
        if (message.type !== 'reply' || message.author !== thread.intent.author) continue;
        const card = cards.get(message.ref);
        if (card === undefined) continue;
        const words = SAID[message.body.decision];
        if (words !== undefined && card.outcome.textContent === '') card.outcome.textContent = words;
        if (message.body.decision === 'counter') card.element.dataset.countered = '';
      }
      setActionsEnabled();
    } catch (err) {
      if (!signal.aborted) showError(errors, err, 'Reading the thread failed');
    }
  };

  const act = async (card: OfferCard, what: string, action: () => Promise<unknown>) => {
    for (const button of card.buttons) button.disabled = true;
    showError(errors, undefined);
    try {
      await action();
      card.outcome.textContent = what;
      announce(what);
    } catch (err) {
      showError(errors, err, 'The relay did not take your reply');
    }
    await refreshState();
  };

  const offerCard = (offer: Received<Offer>): OfferCard => {
    const { body } = offer;
    const outcome = h('p', { class: 'outcome', role: 'status' });
    const accept = h('button', { type: 'button' }, 'Accept');
    const currency = body.price?.currency ?? offer.opened?.price?.currency ?? '';
    const amount = h('input', {
      name: 'amount',
      inputmode: 'decimal',
      required: true,
      placeholder: offer.opened?.price?.amount ?? body.price?.amount ?? '0.00',
      id: `counter-${offer.id.slice(0, 12)}`,
    });
    const counterCurrency = h('input', {
      name: 'currency',
      value: currency,
      maxlength: '3',
      size: '4',
      required: true,
      id: `counter-currency-${offer.id.slice(0, 12)}`,
    });
    const counter = h('button', { type: 'submit' }, 'Counter');
    const card: OfferCard = {
      element: h('article'),
      outcome,
      buttons: [accept, counter],
      author: offer.author,
    };
    accept.addEventListener('click', () =>
      act(card, 'You accepted this offer.', () => buyer.accept(offer, { signal })),
    );
    const counterForm = h(
      'form',
      { class: 'counter', 'aria-label': `Counter the offer of ${body.vendor.name}` },
      field('Counter price', amount),
      field('Counter currency', counterCurrency),
      counter,
    );
    counterForm.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!counterForm.reportValidity()) return;
      const price = { amount: amount.value.trim(), currency: counterCurrency.value.trim().toUpperCase() };
      void act(card, `You countered with ${money(price)}.`, async () => {
        await buyer.counter(offer, { price }, { seal: body.sealKey !== undefined, signal });
        card.element.dataset.countered = '';
      });
    });
    card.element = h(
      'article',
      { class: 'card offer', 'data-offer-id': offer.id, 'aria-label': `Offer from ${body.vendor.name}` },
      h('h4', {}, body.vendor.name),
      h('p', { class: 'description' }, body.description),
      facts([
        ['Price', h('span', { 'data-price': '' }, priceOf(offer))],
        ['Quantity', body.quantity],
        ['Dates', dates(body.when)],
        ['Terms', body.terms.uri],
        ['Note', body.note],
        ['Message', offer.opened?.text],
        ['Valid until', time(offer.expires)],
        ['Vendor', body.vendor.url],
        ['Vendor key', short(offer.author)],
      ]),
      h('div', { class: 'actions' }, accept, counterForm),
      outcome,
    );
    return card;
  };

  const onMail = (mail: BuyerMail) => {
    if (mail.type === 'offer') {
      // A vendor has one negotiation per intent: its new offer replaces what it offered before.
      for (const earlier of cards.values()) {
        if (earlier.author !== mail.author || earlier.element.dataset.replaced === '') continue;
        earlier.element.dataset.replaced = '';
        earlier.outcome.textContent = 'Replaced by the revised offer below.';
      }
      const card = offerCard(mail);
      cards.set(mail.id, card);
      empty.remove();
      offers.append(h('li', {}, card.element));
      announce(`New offer from ${mail.body.vendor.name}: ${priceOf(mail)}`);
    } else if (mail.type === 'withdraw') {
      const card = cards.get(mail.ref);
      if (card !== undefined) {
        card.element.dataset.withdrawn = '';
        card.outcome.textContent = 'The vendor withdrew this offer.';
      }
    } else {
      confirmations.append(confirmation(mail));
      announce('The vendor confirmed.');
    }
    setActionsEnabled();
    void refreshState();
  };

  (async () => {
    const record = await context.keystore.get(keyName('intent', intentId));
    if (record?.kind !== 'intent') {
      showError(errors, new Error(`this browser holds no key for intent ${intentId}`), 'Cannot open');
      return;
    }
    intentSlot.replaceChildren(intentCard(record.intent as Intent));
    void refreshState();
    for await (const mail of buyer.messages(intentId, { signal })) onMail(mail);
  })().catch((err: unknown) => {
    if (!signal.aborted) showError(errors, err, 'The offers stream stopped');
  });
  return section;
}

function confirmation(confirm: Received<Confirm>): HTMLElement {
  const contact = confirm.opened?.contact;
  return h(
    'div',
    { class: 'card confirmed', role: 'status', 'data-confirm-id': confirm.id },
    h('h3', {}, 'Confirmed by the vendor'),
    facts([
      ['Reference', confirm.body.reference],
      ['Message', confirm.opened?.text ?? confirm.body.text],
      [
        'Contact',
        contact === undefined
          ? undefined
          : [contact.name, contact.email, contact.phone].filter(Boolean).join(', '),
      ],
      ['Vendor key', short(confirm.author)],
    ]),
  );
}
