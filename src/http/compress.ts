import { gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';

// Pages are rendered whole into a string: they are gzipped in one synchronous call at level 1,
// instead of hono/compress piping them through a web CompressionStream (level 6). The profile of
// the family pages under load spent ~11 % of the process in that stream machinery and zlib; level 1
// costs a fraction of it and makes pages about 15 % larger than level 6 (still a fifth of their size).
// Everything else (CSV downloads, streamed) keeps hono/compress.
const LEVEL = 1;
const THRESHOLD = 1024;
const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/i;
const VARY_ACCEPT_ENCODING = /(?:^|,)\s*accept-encoding\s*(?:,|$)/i;

/** Does the client take gzip (a q of 0 refuses it)? */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';');
    const type = name!.trim().toLowerCase();
    if (type !== 'gzip' && type !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (!q || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

export function compressPages(): MiddlewareHandler {
  const streamed = compress();
  const alreadyDone = async () => {};
  return async (c, next) => {
    await next();
    const res = c.res;
    // Anything but a page: hono/compress, which only looks at the response once `next` is done.
    if (!(res.headers.get('Content-Type') ?? '').startsWith('text/html')) return streamed(c, alreadyDone);
    if (
      res.status === 206 ||
      res.headers.has('Content-Encoding') ||
      res.headers.has('Transfer-Encoding') ||
      c.req.method === 'HEAD' ||
      !res.body ||
      NO_TRANSFORM.test(res.headers.get('Cache-Control') ?? '')
    ) {
      return;
    }
    const vary = res.headers.get('Vary');
    if (vary !== '*' && !(vary && VARY_ACCEPT_ENCODING.test(vary))) res.headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    if (!acceptsGzip(c.req.header('Accept-Encoding'))) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    if (body.byteLength < THRESHOLD) {
      c.res = new Response(body, { status: res.status, headers });
      return;
    }
    const gzipped = gzipSync(body, { level: LEVEL });
    headers.set('Content-Encoding', 'gzip');
    headers.set('Content-Length', String(gzipped.byteLength));
    const etag = headers.get('ETag');
    if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`);
    c.res = new Response(gzipped, { status: res.status, headers });
  };
}
