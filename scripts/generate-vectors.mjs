#!/usr/bin/env node
// Regenerates the language-neutral test vectors under test-vectors/ from the built core
// (packages/core/dist). With --check, writes nothing: lists every file that would change, is missing
// or should not be there, and exits 1 if there is any.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

if (!existsSync(new URL('../packages/core/dist/index.js', import.meta.url))) {
  console.error('packages/core/dist is missing: run `npm run build -w @intentcast/core` first.');
  process.exit(1);
}
const { canonicalFile, idsFile } = await import('./vectors/canonical.mjs');
const { pretty } = await import('./vectors/common.mjs');
const { didKeyFile, keysFile } = await import('./vectors/keys.mjs');
const { lifecycleFile } = await import('./vectors/lifecycle.mjs');
const { messageFiles } = await import('./vectors/messages.mjs');
const { sealedFile } = await import('./vectors/sealed.mjs');
const { checkSealedAgainstCore } = await import('./vectors/sealed-check.mjs');
const { signaturesFile, signingInputFile } = await import('./vectors/signatures.mjs');
const { webhooksFile } = await import('./vectors/webhooks.mjs');

const root = fileURLToPath(new URL('../test-vectors/', import.meta.url));

/** Every generated file, by path relative to test-vectors/: text or bytes. */
async function generate() {
  const sealed = sealedFile();
  await checkSealedAgainstCore(sealed);
  return {
    'keys.json': pretty(keysFile()),
    'did-key.json': pretty(didKeyFile()),
    'canonical.json': pretty(canonicalFile()),
    'ids.json': pretty(idsFile()),
    'signing-input.json': pretty(signingInputFile()),
    'signatures.json': pretty(signaturesFile()),
    'lifecycle.json': pretty(lifecycleFile()),
    'sealed.json': pretty(sealed),
    'webhooks.json': pretty(webhooksFile()),
    ...messageFiles(),
  };
}

/** The generated files now on disk: every .json under test-vectors/ but the vendored external suites. */
function existing(dir = root) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const rel = relative(root, path).split('\\').join('/');
    if (entry.isDirectory()) {
      if (rel !== 'external') found.push(...existing(path));
    } else if (entry.name.endsWith('.json')) {
      found.push(rel);
    }
  }
  return found;
}

function asBytes(content) {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
}

function readOrNull(path) {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

const files = await generate();
const checkOnly = process.argv.includes('--check');
const problems = [];
for (const [rel, content] of Object.entries(files)) {
  const path = join(root, rel);
  const current = readOrNull(path);
  const wanted = asBytes(content);
  if (current?.equals(wanted)) continue;
  problems.push(`${current === null ? 'missing' : 'changed'}: test-vectors/${rel}`);
  if (!checkOnly) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, wanted);
  }
}
for (const rel of existing()) {
  if (rel in files) continue;
  problems.push(`extra: test-vectors/${rel}`);
  if (!checkOnly) rmSync(join(root, rel));
}

if (checkOnly) {
  if (problems.length > 0) {
    console.error(`Test vectors are out of date; run \`npm run vectors\`:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`Test vectors are up to date (${Object.keys(files).length} files).`);
} else {
  for (const line of problems) console.log(line);
  console.log(`Wrote test-vectors/ (${Object.keys(files).length} files, ${problems.length} changed).`);
}
