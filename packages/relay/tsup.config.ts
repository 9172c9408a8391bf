import { defineConfig } from 'tsup';

export default defineConfig({
  // crypto-worker is a worker thread's script, loaded by the ingest crypto pool from beside it in dist/.
  entry: { index: 'src/index.ts', main: 'src/main.ts', 'crypto-worker': 'src/ingest/crypto-worker.ts' },
  format: ['esm'],
  // Declarations only for the library entry; main.ts is the process entry and exports nothing.
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
});
