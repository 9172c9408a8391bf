import { defineConfig } from 'tsup';

export default defineConfig({
  // The *-worker entries are worker threads' scripts, loaded from beside the other modules in dist/.
  entry: {
    index: 'src/index.ts',
    main: 'src/main.ts',
    'crypto-worker': 'src/ingest/crypto-worker.ts',
    'checkpoint-worker': 'src/store/sqlite/checkpoint-worker.ts',
    'sync-worker': 'src/store/sqlite/sync-worker.ts',
  },
  format: ['esm'],
  // Declarations only for the library entry; main.ts is the process entry and exports nothing.
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
});
