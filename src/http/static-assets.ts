import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

export type StaticFile = {
  name: string;
  contentType: string;
  body: Buffer;
  gzip: Buffer | null;
  brotli: Buffer | null;
};

export type StaticAssets = {
  /** Public URLs under their content-hashed names. */
  urls: { css: string; js: string; htmx: string; logo: string };
  /** The logo as a `data:` URL for the tab's icon: no request of its own on a first visit. */
  iconDataUrl: string;
  byName: Map<string, StaticFile>;
};

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

function hashedName(logicalName: string, body: Buffer): string {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 12);
  const extension = extname(logicalName);
  return `${logicalName.slice(0, -extension.length)}.${hash}${extension}`;
}

function prepare(logicalName: string, body: Buffer): StaticFile {
  const contentType = CONTENT_TYPES[extname(logicalName)] ?? 'application/octet-stream';
  const worthCompressing = body.length > 512;
  return {
    name: hashedName(logicalName, body),
    contentType,
    body,
    gzip: worthCompressing ? gzipSync(body, { level: 9 }) : null,
    brotli: worthCompressing
      ? brotliCompressSync(body, {
          params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length },
        })
      : null,
  };
}

/**
 * Reads our static files and htmx (from its package) once at start-up, names each by its
 * content hash and compresses it ahead of time, so they are served from memory with a
 * one-year immutable cache.
 */
export function loadStaticAssets(staticDir: string): StaticAssets {
  const require = createRequire(import.meta.url);
  const sources: Array<[keyof StaticAssets['urls'], string, Buffer]> = [
    ['css', 'app.css', readFileSync(join(staticDir, 'app.css'))],
    ['js', 'app.js', readFileSync(join(staticDir, 'app.js'))],
    ['logo', 'logo.svg', readFileSync(join(staticDir, 'logo.svg'))],
    ['htmx', 'htmx.js', readFileSync(require.resolve('htmx.org/dist/htmx.min.js'))],
  ];
  const byName = new Map<string, StaticFile>();
  const urls = {} as StaticAssets['urls'];
  for (const [key, logicalName, body] of sources) {
    const file = prepare(logicalName, body);
    byName.set(file.name, file);
    urls[key] = `/static/${file.name}`;
  }
  const logo = sources.find(([key]) => key === 'logo')![2];
  return { urls, byName, iconDataUrl: `data:image/svg+xml;base64,${logo.toString('base64')}` };
}
