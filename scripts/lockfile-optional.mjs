#!/usr/bin/env node
// Completes package-lock.json with entries for optional platform packages that the registry did not serve.
//
// Some dependencies (Biome, Rollup) list one optional package per platform. When the registry a lockfile
// is made against does not carry the packages of other platforms, `npm install` leaves them out of the
// lockfile and `npm ci` then refuses that same lockfile as out of sync (npm/cli issue 9846). The entries
// added here name each missing package with the platform it is for, marked optional, so npm skips them
// on every other platform without fetching anything. Run it after any `npm install` that changes the
// lockfile: `node scripts/lockfile-optional.mjs` (or `--check` to only report).
import { readFileSync, writeFileSync } from 'node:fs';

const OS = [
  'aix',
  'android',
  'darwin',
  'freebsd',
  'linux',
  'netbsd',
  'openbsd',
  'openharmony',
  'sunos',
  'win32',
];
const CPU = ['arm', 'arm64', 'ia32', 'loong64', 'mips64el', 'ppc64', 'riscv64', 's390x', 'wasm32', 'x64'];
const LIBC = { gnu: 'glibc', gnueabihf: 'glibc', musl: 'musl', musleabihf: 'musl', msvc: undefined };

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const check = process.argv.includes('--check');

/** Where npm would look for `name` when `from` depends on it: nested folders first, then up to the root. */
function resolves(from, name) {
  let base = from;
  for (;;) {
    if (lock.packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    if (!base) return false;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

function platformOf(name) {
  const tokens = name.slice(name.lastIndexOf('/') + 1).split('-');
  const os = tokens.find((token) => OS.includes(token));
  const cpu = tokens.find((token) => CPU.includes(token));
  const libcToken = tokens.find((token) => token in LIBC);
  if (!os || !cpu) return undefined;
  const platform = { os: [os], cpu: [cpu] };
  if (os === 'linux' && libcToken && LIBC[libcToken]) platform.libc = [LIBC[libcToken]];
  return platform;
}

const added = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(path, name)) continue;
    const platform = platformOf(name);
    const version = /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec) ? spec : undefined;
    if (!platform || !version) {
      console.error(
        `cannot complete ${name}@${spec} (needed by ${path || 'the root'}): add its entry by hand`,
      );
      process.exit(1);
    }
    lock.packages[`node_modules/${name}`] = { version, optional: true, ...platform };
    added.push(`${name}@${version}`);
  }
}

if (added.length === 0) {
  console.log('package-lock.json lists every optional platform package');
} else if (check) {
  console.error(
    `package-lock.json lacks ${added.length} optional platform packages: run node scripts/lockfile-optional.mjs`,
  );
  process.exit(1);
} else {
  const sorted = Object.fromEntries(
    Object.entries(lock.packages).sort(([a], [b]) =>
      a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0,
    ),
  );
  lock.packages = sorted;
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`added ${added.length} optional platform packages to package-lock.json`);
}
