import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The URL of one of the relay's worker-thread scripts (`crypto-worker`, `checkpoint-worker`). They are
 * built beside the package's other modules in dist/; when the relay runs from its sources (its own
 * tests), the package's build of them is used.
 */
export function workerScript(name: string): URL {
  const beside = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return new URL(`../dist/${name}.js`, import.meta.url);
}
