import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources, so a failure points at the line that broke.
    alias: [
      { find: /^@intentcast\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@intentcast\/core\/node$/, replacement: src('./packages/core/src/node.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
