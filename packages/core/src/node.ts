/**
 * Node-only additions to @intentcast/core: the native Ed25519 backend.
 *
 * @example
 * import { validateMessage } from '@intentcast/core';
 * import { createNodeBackend } from '@intentcast/core/node';
 * const backend = createNodeBackend();
 * validateMessage(text, { backend });
 */
export { createNodeBackend } from './ed25519/node.js';
