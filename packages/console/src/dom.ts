/**
 * A few DOM helpers. Everything a relay sends is untrusted, so text only ever goes in as text nodes:
 * nothing here parses HTML.
 */

export type Child = Node | string | number | false | null | undefined;
type Attributes = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

/**
 * An element with attributes, listeners (`onclick`, `onsubmit`...) and children.
 *
 * @example
 * h('button', { type: 'button', onclick: () => accept() }, 'Accept');
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== undefined) element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

/** Appends children, skipping the empty ones. */
export function append(parent: Element, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

/**
 * A labelled form field: a label and its control, tied by id, with an optional hint.
 *
 * @example
 * field('Region', h('input', { name: 'region', placeholder: 'PT-11' }), 'An ISO 3166 code');
 */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f-${(control.getAttribute('name') ?? label).replace(/[^A-Za-z0-9]+/g, '-')}`;
  control.id = id;
  const hintId = `${id}-hint`;
  if (hint !== undefined) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint === undefined ? null : h('small', { id: hintId }, hint),
  );
}

/**
 * A description list from pairs; pairs without a value are left out.
 *
 * @example
 * facts([['Region', 'PT-11'], ['Budget', undefined]]);
 */
export function facts(pairs: [string, Child][]): HTMLDListElement {
  const list = h('dl', { class: 'facts' });
  for (const [term, value] of pairs) {
    if (value === undefined || value === null || value === false || value === '') continue;
    list.append(h('div', {}, h('dt', {}, term), h('dd', {}, value)));
  }
  return list;
}

/** Says something to screen readers through the page's polite live region. */
export function announce(text: string): void {
  const region = document.getElementById('announcer');
  if (region === null) return;
  // Emptied first, so that the same words said twice are still announced.
  region.textContent = '';
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

/** The trimmed value of a named form control, or undefined when it is empty. */
export function fieldValue(form: HTMLFormElement, name: string): string | undefined {
  const control = form.elements.namedItem(name);
  if (!(control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement)) {
    if (control instanceof HTMLSelectElement) return control.value.trim() || undefined;
    return undefined;
  }
  const value = control.value.trim();
  return value === '' ? undefined : value;
}

/** A did:key (or any long id) shortened for display, whole in the title. */
export function short(id: string, keep = 16): HTMLElement {
  const text = id.length > keep * 2 + 1 ? `${id.slice(0, keep)}…${id.slice(-6)}` : id;
  return h('code', { title: id }, text);
}
