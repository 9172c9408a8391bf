import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { GENERATED_DIR, generateValidators } from '../scripts/compile-schemas.mjs';

/**
 * Core validates with code compiled from spec/schemas at build time, so it never needs `new Function` at
 * run time. That code is committed; these tests keep it in step with the schemas.
 */

const files = Object.entries(generateValidators());

describe('src/generated', () => {
  test.each(files)(
    '%s is what the schemas compile to (else run `npm run schemas -w @intentcast/core`)',
    (name, content) => {
      expect(readFileSync(join(GENERATED_DIR, name), 'utf8')).toBe(content);
    },
  );

  test('the validators need no code compiled at run time, and name no runtime but ajv helpers', () => {
    const code = readFileSync(join(GENERATED_DIR, 'validators.js'), 'utf8');
    expect(code).not.toMatch(/\bnew Function\b|\beval\(|\brequire\(/);
    const imports = [...code.matchAll(/^import .* from '([^']+)';$/gm)].map((match) => match[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const path of imports) expect(path).toMatch(/^ajv\/dist\/runtime\/[a-z0-9]+\.js$/i);
  });

  test('no source of core compiles a schema: ajv is reached for types only, and through the generated code', () => {
    const src = fileURLToPath(new URL('../src/', import.meta.url));
    const sources = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((path) =>
      path.endsWith('.ts'),
    );
    const compilers = sources.filter((path) => {
      const code = readFileSync(join(src, path), 'utf8');
      return /^import (?!type ).* from 'ajv[/']/m.test(code) || /\bnew Ajv|\.compile\(/.test(code);
    });
    expect(compilers).toEqual([]);
  });
});
