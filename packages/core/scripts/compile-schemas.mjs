#!/usr/bin/env node
// Compiles the JSON Schemas of spec/schemas into plain validator functions, written to src/generated/.
// Core validates with that code, so it never compiles a schema at run time: ajv compiles with
// `new Function`, which a strict Content-Security-Policy forbids. With --check, writes nothing: lists
// the files that would change and exits 1 if there is any. A test does the same check.
//
//   npm run schemas -w @intentcast/core            regenerate after changing spec/schemas
//   npm run schemas -w @intentcast/core -- --check
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';

// A CommonJS module: its default import is module.exports, which holds the function as `default`.
const standalone = standaloneModule.default;

const SCHEMA_DIR = new URL('../../../spec/schemas/', import.meta.url);
const OUT_DIR = new URL('../src/generated/', import.meta.url);

/** Every schema core validates with, in the order they are added; the ones it refers to come first. */
const SCHEMA_FILES = [
  'defs',
  'envelope',
  'intent',
  'offer',
  'reply',
  'withdraw',
  'confirm',
  'sealed-content',
  'webhook-event',
];

/** The validators the generated module exports, by export name: the file name of each one's schema. */
const EXPORTS = {
  intent: 'intent',
  offer: 'offer',
  reply: 'reply',
  withdraw: 'withdraw',
  confirm: 'confirm',
  sealedContent: 'sealed-content',
  webhookEvent: 'webhook-event',
};

/**
 * The options core has always validated with: strict mode, except strictRequired, because the conditional
 * rules (if/then, anyOf) require properties that the enclosing schema defines, which that option cannot
 * see. `code` only asks for source to be kept, as ES modules, one statement a line.
 */
const AJV_OPTIONS = {
  strict: true,
  strictRequired: false,
  allErrors: false,
  unicodeRegExp: true,
  code: { source: true, esm: true, lines: true },
};

const HEADER = [
  '// Generated from spec/schemas by packages/core/scripts/compile-schemas.mjs: do not edit.',
  '// Regenerate with `npm run schemas -w @intentcast/core`; a test fails when this file is out of date.',
];

// The generated code reaches ajv's runtime helpers with CommonJS `require`, which ES modules lack.
const REQUIRE_RE = /const (func\d+) = require\("ajv\/dist\/runtime\/([a-z0-9]+)"\)\.default;/gi;

function loadSchema(name) {
  return JSON.parse(readFileSync(new URL(`${name}.json`, SCHEMA_DIR), 'utf8'));
}

/** The validator module: ajv's standalone code, with each runtime helper imported instead of required. */
function validatorsModule() {
  const ajv = new Ajv2020(AJV_OPTIONS);
  const ids = {};
  for (const file of SCHEMA_FILES) {
    const schema = loadSchema(file);
    ajv.addSchema(schema);
    ids[file] = schema.$id;
  }
  const refs = Object.fromEntries(Object.entries(EXPORTS).map(([name, file]) => [name, ids[file]]));
  let code = standalone(ajv, refs);
  const strict = '"use strict";';
  if (!code.startsWith(strict)) throw new Error('unexpected standalone code: no "use strict" prologue');
  // An ES module is strict already, and the imports must come first.
  code = code.slice(strict.length).trimStart();

  const helpers = new Set();
  code = code.replace(REQUIRE_RE, (_, local, helper) => {
    helpers.add(helper);
    return `const ${local} = runtimeHelper(${helper}Module);`;
  });
  if (/\brequire\(/.test(code)) throw new Error('unexpected standalone code: a require() is left');

  const imports = [...helpers]
    .sort()
    .map((helper) => `import ${helper}Module from 'ajv/dist/runtime/${helper}.js';`);
  return [
    ...HEADER,
    '// biome-ignore-all format: generated code',
    '// biome-ignore-all lint: generated code',
    '// biome-ignore-all assist: generated code',
    ...imports,
    '',
    '// A CommonJS module imported from an ES module: Node and bundlers in Node mode give module.exports,',
    '// other bundlers its `default`. Either way, the helper is a function.',
    'function runtimeHelper(module) {',
    "  return typeof module === 'function' ? module : module.default;",
    '}',
    '',
    code,
    '',
  ].join('\n');
}

/** The declarations of the validator module, for TypeScript. */
function declarations() {
  const lines = [
    ...HEADER,
    "import type { ErrorObject } from 'ajv/dist/2020.js';",
    '',
    '/** A validator compiled from a schema: true when `data` matches; otherwise `errors` says why. */',
    'export interface Validator {',
    '  (data: unknown): boolean;',
    '  errors?: ErrorObject[] | null;',
    '}',
  ];
  for (const [name, file] of Object.entries(EXPORTS)) {
    lines.push(
      '',
      `/** Checks a value against spec/schemas/${file}.json. */`,
      `export declare const ${name}: Validator;`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The generated files, by name in src/generated/, from the schemas as they are now.
 *
 * @example
 * const files = generateValidators();
 * files['validators.js']; // the ES module of validators
 */
export function generateValidators() {
  return { 'validators.js': validatorsModule(), 'validators.d.ts': declarations() };
}

/** The directory the generated files are written to. */
export const GENERATED_DIR = fileURLToPath(OUT_DIR);

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes('--check');
  const stale = [];
  if (!check) mkdirSync(OUT_DIR, { recursive: true });
  for (const [name, content] of Object.entries(generateValidators())) {
    const url = new URL(name, OUT_DIR);
    let current;
    try {
      current = readFileSync(url, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === content) continue;
    stale.push(name);
    if (!check) writeFileSync(url, content);
  }
  if (check && stale.length > 0) {
    console.error(
      `out of date in src/generated: ${stale.join(', ')}; run \`npm run schemas -w @intentcast/core\``,
    );
    process.exit(1);
  }
  console.log(check ? 'src/generated is up to date' : `src/generated: ${stale.length} file(s) written`);
}
