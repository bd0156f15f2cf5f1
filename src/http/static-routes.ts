import { Hono } from 'hono';
import type { StaticAssets } from './static-assets.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function staticRoutes(assets: StaticAssets) {
  const app = new Hono();
  app.get('/static/:name', (c) => {
    const file = assets.byName.get(c.req.param('name'));
    if (!file) return c.text('Fichier introuvable.', 404, { 'Cache-Control': 'no-cache' });
    const accepted = c.req.header('Accept-Encoding') ?? '';
    const headers: Record<string, string> = {
      'Content-Type': file.contentType,
      'Cache-Control': IMMUTABLE,
      Vary: 'Accept-Encoding',
    };
    if (file.brotli && /\bbr\b/.test(accepted)) {
      return c.body(new Uint8Array(file.brotli), 200, { ...headers, 'Content-Encoding': 'br' });
    }
    if (file.gzip && /\bgzip\b/.test(accepted)) {
      return c.body(new Uint8Array(file.gzip), 200, { ...headers, 'Content-Encoding': 'gzip' });
    }
    return c.body(new Uint8Array(file.body), 200, headers);
  });
  return app;
}
