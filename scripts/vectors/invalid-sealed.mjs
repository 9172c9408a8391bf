// Invalid messages, part 4: sealed parts whose form or protected header is wrong (spec/validation.md,
// step 15). Every verifier refuses them without a key; each is otherwise a well-signed offer-sealed.
import { check, core, PARTIES } from './common.mjs';
import { altered, didAround } from './invalid-helpers.mjs';
import { valid } from './story.mjs';

const b64 = (text) => core.toBase64url(core.utf8(text));

export function sealedCases(add) {
  const sealed = valid('offer-sealed').body.sealed;
  const parts = sealed.split('.');
  const header = JSON.parse(core.fromUtf8(core.fromBase64url(parts[0])));
  /** offer-sealed with its sealed part's protected header replaced by `text`. */
  const withHeaderText = (text, change = () => {}) =>
    altered('offer-sealed', (m) => {
      m.body.sealed = [b64(text), ...parts.slice(1)].join('.');
      change(m);
    });
  const withHeader = (value, change) => withHeaderText(JSON.stringify(value), change);
  const withParts = (replaced) =>
    altered('offer-sealed', (m) => {
      m.body.sealed = replaced.join('.');
    });
  const seal = (name, description, content, tags) =>
    add(name, description, content, 'ERR_SEAL', '/body/sealed', ['sealed', ...tags]);

  seal('sealed-header-alg', 'the protected header names alg "dir"', withHeader({ ...header, alg: 'dir' }), [
    'header',
    'algorithm',
  ]);
  seal(
    'sealed-header-member',
    'the protected header has a zip member',
    withHeader({ ...header, zip: 'DEF' }),
    ['header'],
  );
  seal(
    'sealed-header-thread',
    "the protected header's thr is another thread than the message's",
    withHeader({ ...header, thr: valid('intent-minimal').id }),
    ['header', 'thread-binding'],
  );
  seal(
    'sealed-header-epk-small-order',
    'the ephemeral key in the header is u = 0, a point of small order',
    withHeader({ ...header, epk: { ...header.epk, x: core.toBase64url(new Uint8Array(32)) } }),
    ['header', 'small-order'],
  );
  seal(
    'sealed-header-duplicate',
    'the protected header names alg twice',
    withHeaderText(`{"alg":"ECDH-ES",${JSON.stringify(header).slice(1)}`),
    ['header', 'i-json'],
  );
  const text = JSON.stringify(header);
  const padded = ' '.repeat(1537 - text.length) + text;
  check(b64(padded).length === 2050, 'the padded header is 2,050 characters');
  seal(
    'sealed-header-too-long',
    'a protected header of 2,050 characters, longer than the 2,048 allowed',
    withHeaderText(padded),
    ['limit'],
  );
  seal(
    'sealed-ciphertext-too-long',
    'a ciphertext of 14,004 characters, longer than the 14,000 allowed',
    withParts([...parts.slice(0, 3), 'A'.repeat(14_004), parts[4]]),
    ['limit'],
  );
  seal(
    'sealed-tag-not-canonical',
    'the tag with an unused low bit set: not canonical base64url',
    withParts([...parts.slice(0, 4), `${'A'.repeat(21)}B`]),
    ['base64url'],
  );
  add(
    'order-window-before-sealed',
    'a window that ends before it starts and a header naming alg "dir": the window is checked first',
    withHeader({ ...header, alg: 'dir' }, (m) => {
      m.body.when = { start: m.body.when.end, end: m.body.when.start };
    }),
    'ERR_TIME_RANGE',
    '/body/when/end',
    ['order', 'sealed'],
  );
  add(
    'order-sealed-before-author',
    'a header naming alg "dir" and an author key of small order: the sealed part is checked first',
    altered(
      'offer-sealed',
      (m) => {
        m.body.sealed = [b64(JSON.stringify({ ...header, alg: 'dir' })), ...parts.slice(1)].join('.');
        m.author = didAround(`01${'00'.repeat(31)}`);
      },
      PARTIES.vendorD.secretKey,
    ),
    'ERR_SEAL',
    '/body/sealed',
    ['order', 'sealed'],
  );
}
