import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** In development, /map is the map page as the server serves it in production. */
const mapPage: Plugin = {
  name: 'lianxin-map-page',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.url === '/map' || req.url?.startsWith('/map?')) req.url = req.url.replace('/map', '/map.html');
      next();
    });
  },
};

export default defineConfig({
  plugins: [react(), mapPage],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // Two pages: the console, and the public service map, which must not load the console's bundle.
    rollupOptions: {
      input: { console: resolve(import.meta.dirname, 'index.html'), map: resolve(import.meta.dirname, 'map.html') },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
