// The bench's static server on 127.0.0.1 (a random free port): the repository at /, Converse's
// dist folder at /converse/. Compressible files are sent gzip -9 when the browser accepts it,
// as a CDN would, so transfer sizes are real gzip sizes. Every response is logged.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { CONVERSE_DIST, ROOT } from './config.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.map': 'application/json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.wasm', '.ttf', '.map', '.ico']);

/** overrides: { '/url/path': '/file/to/serve/instead' } (the profiler's unminified builds). */
export function serveStatic({ overrides = {} } = {}) {
  const cache = new Map(); // file -> { mtime, body, gz }
  const log = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const pathname = decodeURIComponent(url.pathname);
    const [base, rel] = pathname.startsWith('/converse/') ? [CONVERSE_DIST, pathname.slice('/converse/'.length)] : [ROOT, pathname];
    const file = overrides[pathname] ?? path.join(base, path.normalize(rel).replace(/^([/\\])+/, ''));
    if (!overrides[pathname] && !file.startsWith(base)) return void res.writeHead(403).end();
    try {
      const st = await stat(file);
      if (st.isDirectory()) return void res.writeHead(404).end();
      let entry = cache.get(file);
      if (!entry || entry.mtime !== st.mtimeMs) {
        const body = await readFile(file);
        entry = { mtime: st.mtimeMs, body, gz: COMPRESSIBLE.has(path.extname(file)) ? gzipSync(body, { level: 9 }) : null };
        cache.set(file, entry);
      }
      const gzip = entry.gz && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      const body = gzip ? entry.gz : entry.body;
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        // Cacheable as from a CDN: each run's fresh context starts empty, but a file fetched
        // twice within a page load (Converse fetches its OMEMO wasm ~100 times) is fetched once.
        'cache-control': 'public, max-age=600',
        'content-length': body.length,
        ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      log.push({ path: pathname, bytes: body.length, raw: entry.body.length, gzip: Boolean(gzip), at: Date.now() });
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      log.push({ path: pathname, status: 404, at: Date.now() });
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, log, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
