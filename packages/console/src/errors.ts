import { isIntentcastError } from '@intentcast/core';
import { h } from './dom.js';

/**
 * An error as the page shows it: the stable code of core's catalogue first (what to look up in
 * spec/errors.md), then the message and the place it is about.
 */
export function errorView(err: unknown, context: string): HTMLElement {
  if (isIntentcastError(err)) {
    return h(
      'div',
      { class: 'error', role: 'alert', 'data-code': err.code },
      h('strong', {}, `${context}: `),
      h('code', {}, err.code),
      ` ${err.message}`,
      err.path === undefined ? null : h('span', { class: 'path' }, ` (at ${err.path})`),
    );
  }
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return h('div', { class: 'error', role: 'alert' }, h('strong', {}, `${context}: `), message);
}

/** Shows an error in `slot` (replacing what was there), or clears it with undefined. */
export function showError(slot: HTMLElement, err: unknown, context = 'Failed'): void {
  if (err === undefined) slot.replaceChildren();
  else slot.replaceChildren(errorView(err, context));
}
