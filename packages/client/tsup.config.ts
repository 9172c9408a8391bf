import { defineConfig } from 'tsup';

const external = ['@intentcast/core', '@intentcast/core/node', 'undici', 'ws'];

export default defineConfig([
  {
    // Node: undici keep-alive pools, ws, the file keystore and the native Ed25519 backend.
    entry: { index: 'src/index.ts' },
    outDir: 'dist',
    format: ['esm'],
    dts: true,
    sourcemap: true,
    // Only this build's files: dist/browser belongs to the other build, which may run at the same time.
    clean: ['*.js', '*.js.map', '*.d.ts'],
    target: 'node20',
    platform: 'node',
    external,
  },
  {
    // Browsers (and other runtimes with fetch and WebSocket): no Node built-ins may be reached from here.
    entry: { browser: 'src/browser.ts' },
    outDir: 'dist/browser',
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'browser',
    external,
  },
]);
