import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The URL of one of the relay's worker-thread scripts (`crypto-worker`, `checkpoint-worker`,
 * `sync-worker`). They are built beside the package's other modules in dist/. From the relay's sources
 * (its own tests) they are the package's build; from a bundle that did not copy them, those of the
 * installed package. A caller whose script is missing anyway gets a thread that fails to start, and each
 * has a fallback for that.
 */
export function workerScript(name: string): URL {
  const file = `${name}.js`;
  const candidates = [new URL(`./${file}`, import.meta.url), new URL(`../dist/${file}`, import.meta.url)];
  try {
    const main = createRequire(import.meta.url).resolve('@intentcast/relay');
    candidates.push(pathToFileURL(join(dirname(main), file)));
  } catch {
    // Not installed as a package: only the paths above can hold it.
  }
  return candidates.find((url) => existsSync(fileURLToPath(url))) ?? candidates[0]!;
}
