import type { CastOptions, IntentInput } from '@intentcast/client/browser';
import { field, fieldValue, h } from './dom.js';

const DAY_MS = 86_400_000;

/** A date input (`YYYY-MM-DD`) as a protocol timestamp at midnight UTC. */
const midnight = (date: string) => `${date}T00:00:00Z`;

/**
 * What the form says, as the SDK takes it. Values are passed on as typed: core checks them when the
 * intent is signed, and its error names the code and the field (`/body/budget/max`).
 */
export function castInput(form: HTMLFormElement): { input: IntentInput; options: CastOptions } {
  const required = (name: string) => fieldValue(form, name) ?? '';
  const input: IntentInput = {
    what: {
      category: required('category'),
      description: required('description'),
      quantity: Number(fieldValue(form, 'quantity') ?? '1'),
    },
    terms: [{ uri: required('termsUri'), sha256: required('termsSha256').toLowerCase() }],
  };
  const region = fieldValue(form, 'region');
  if (region !== undefined) input.where = { region: region.toUpperCase() };
  const start = fieldValue(form, 'start');
  const end = fieldValue(form, 'end');
  if (start !== undefined || end !== undefined) {
    input.when = { start: midnight(start ?? end ?? ''), end: midnight(end ?? start ?? '') };
  }
  const max = fieldValue(form, 'budgetMax');
  if (max !== undefined) {
    const min = fieldValue(form, 'budgetMin');
    input.budget = {
      currency: (fieldValue(form, 'currency') ?? '').toUpperCase(),
      max,
      ...(min === undefined ? {} : { min }),
    };
  }
  const days = Number(fieldValue(form, 'expiresIn') ?? '7');
  return { input, options: { expiresIn: days * DAY_MS } };
}

/** The form that casts an intent: what, where, when, budget, terms, and how long it stays open. */
export function castForm(onCast: (form: HTMLFormElement) => void): HTMLFormElement {
  const input = (name: string, attributes: Record<string, string | boolean> = {}) =>
    h('input', { name, autocomplete: 'off', ...attributes });
  const form = h(
    'form',
    { class: 'cast', 'aria-labelledby': 'cast-heading' },
    h('h2', { id: 'cast-heading' }, 'Cast an intent'),
    h(
      'div',
      { class: 'grid' },
      field(
        'Category',
        input('category', { required: true, list: 'categories', placeholder: 'lodging.hotel' }),
        'A dotted name under a registered namespace, or a URI',
      ),
      h('datalist', { id: 'categories' }),
      field(
        'Quantity',
        input('quantity', { type: 'number', min: '1', step: '1', value: '1', required: true }),
      ),
    ),
    field(
      'Description',
      h('textarea', {
        name: 'description',
        required: true,
        rows: '3',
        placeholder: 'A quiet double room for two nights',
      }),
    ),
    h(
      'div',
      { class: 'grid' },
      field('Region', input('region', { placeholder: 'PT-11' }), 'ISO 3166 country or subdivision'),
      field('From', input('start', { type: 'date' })),
      field('To', input('end', { type: 'date' })),
    ),
    h(
      'div',
      { class: 'grid' },
      field('Currency', input('currency', { placeholder: 'EUR', maxlength: '3', size: '4' })),
      field('Budget from', input('budgetMin', { inputmode: 'decimal', placeholder: '100.00' })),
      field('Budget up to', input('budgetMax', { inputmode: 'decimal', placeholder: '180.00' })),
    ),
    h(
      'div',
      { class: 'grid' },
      field('Terms URI', input('termsUri', { type: 'url', required: true, placeholder: 'https://…' })),
      field(
        'Terms SHA-256',
        input('termsSha256', { required: true, pattern: '[0-9a-fA-F]{64}', spellcheck: 'false' }),
        'The hash of the terms document, 64 hexadecimal digits',
      ),
    ),
    field(
      'Open for',
      h(
        'select',
        { name: 'expiresIn' },
        h('option', { value: '1' }, '1 day'),
        h('option', { value: '3' }, '3 days'),
        h('option', { value: '7', selected: true }, '7 days'),
        h('option', { value: '30' }, '30 days'),
      ),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Sign and cast')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (form.reportValidity()) onCast(form);
  });
  return form;
}
