import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { mapImageOrigins } from '../modules/map/map.service.ts';
import type { App } from './http.ts';
import { notFoundHandler } from './problem.ts';
import { helmetOptions } from './security-headers.ts';

const MAP_PAGE = 'map.html';

function decodedPath(url: string): string | null {
  try {
    const decoded = decodeURIComponent(url.split('?')[0]);
    return decoded.includes('\u0000') ? null : decoded;
  } catch {
    return null;
  }
}

/**
 * The built web app: the console (index.html, a client-side router) and the public service map
 * (map.html, its own light bundle). Hashed assets are cached for a year.
 */
export async function registerWeb(app: App, webDist: string) {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) return;
  await app.register(fastifyStatic, { root: webDist, serve: false });

  // The map page's policy names the configured tile hosts, read when the page is asked for, so a
  // changed parameter needs no restart; every other page keeps the strict default.
  app.get('/map', { config: { permission: 'public' }, schema: { hide: true }, helmet: false }, async (_req, reply) => {
    await reply.helmet(helmetOptions(app.deps.config, await mapImageOrigins(app.deps.params)));
    return reply.header('cache-control', 'no-cache').sendFile(MAP_PAGE);
  });

  app.get('/*', { config: { permission: 'public', staticFiles: true }, schema: { hide: true } }, (req, reply) => {
    const urlPath = decodedPath(req.url);
    // A name no file can have (a NUL, a broken escape) is simply not found.
    if (urlPath === null || urlPath.startsWith('/api/')) return notFoundHandler(req, reply);
    if (urlPath === `/${MAP_PAGE}` || urlPath.startsWith('/map/')) return reply.redirect('/map');
    const file = path.resolve(webDist, `.${urlPath}`);
    if (urlPath !== '/' && file.startsWith(webDist) && fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      const immutable = urlPath.startsWith('/assets/');
      return reply.sendFile(path.relative(webDist, file), { maxAge: immutable ? 31536000000 : 0, immutable });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
