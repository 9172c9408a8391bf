/**
 * The Intentcast web console, served by a relay at `/` and talking to that relay only. Two pages, chosen
 * by the URL's fragment: `#/feed` (public intents, live, and the relay's figures) and `#/buyer` (cast an
 * intent and negotiate; `#/buyer/<intent id>` opens one).
 */
import { buyerPage } from './buyer.js';
import { createContext } from './context.js';
import { feedPage } from './feed.js';

const context = createContext(location.origin);
const main = document.getElementById('main')!;
let current: AbortController | undefined;

function route(moveFocus: boolean): void {
  // Leaving a page closes its streams and timers.
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const [page = 'feed', id] = location.hash.replace(/^#\/?/, '').split('/');
  main.replaceChildren();
  if (page === 'buyer') buyerPage(context, main, controller.signal, id || undefined);
  else feedPage(context, main, controller.signal);
  const name = page === 'buyer' ? 'buyer' : 'feed';
  document.querySelectorAll<HTMLAnchorElement>('nav a[data-page]').forEach((link) => {
    if (link.dataset.page === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  document.title = `${name === 'buyer' ? 'Buyer' : 'Live feed'} · Intentcast relay console`;
  // Moves focus to the new page's heading, so keyboard and screen-reader users start there.
  if (moveFocus) main.querySelector<HTMLElement>(id ? '#thread-heading' : 'h1')?.focus();
}

window.addEventListener('hashchange', () => route(true));
route(false);
