// Builds the page (src/web) into dist/web, which the demo server serves.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: { outDir: '../../dist/web', emptyOutDir: true },
  // `vite` (dev server with hot reload) next to a running `pnpm start` on port 3000.
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
