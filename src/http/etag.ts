import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

/**
 * ETag and 304 for what a browser may keep: public pages. Responses marked `no-store` (anything
 * personal) and streamed downloads are left alone, so they are neither hashed nor buffered.
 */
export function etagForCacheable(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.req.method !== 'GET' || c.res.status !== 200 || c.res.headers.has('ETag')) return;
    if (/no-store/.test(c.res.headers.get('Cache-Control') ?? '')) return;
    if (!(c.res.headers.get('Content-Type') ?? '').startsWith('text/html')) return;
    const body = new Uint8Array(await c.res.clone().arrayBuffer());
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    const ifNoneMatch = c.req.header('If-None-Match');
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      c.res = new Response(null, { status: 304, headers: { ETag: etag, 'Cache-Control': c.res.headers.get('Cache-Control') ?? 'no-cache' } });
      return;
    }
    c.res.headers.set('ETag', etag);
  };
}
