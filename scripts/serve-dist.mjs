#!/usr/bin/env node
// Tiny static file server for the built widget (dist/). No dependencies.
// Usage: node scripts/serve-dist.mjs [DIR=dist] [PORT=8080] [HOST=127.0.0.1]
// Sends the right MIME types (application/wasm matters for streaming compile),
// and brotli or gzip when the browser accepts it, as any real host would
// (files are compressed once at start-up, at brotli's best setting).
import { createServer } from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 8080);
const host = process.argv[4] ?? '127.0.0.1';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt', '.webmanifest']);
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const packed = new Map(); // file -> { key, br, gzip }, key = size and mtime

async function pack(file, info, body, quality) {
  const key = `${info.size}:${info.mtimeMs}`;
  const hit = packed.get(file);
  if (hit?.key === key) return hit;
  const params = { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length };
  const entry = { key, br: await brotli(body, { params }), gzip: await gz(body, { level: 9 }) };
  packed.set(file, entry);
  return entry;
}

async function packAll(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) await packAll(file);
    else if (COMPRESSIBLE.has(extname(file).toLowerCase())) {
      const info = await stat(file);
      await pack(file, info, await readFile(file), 11);
    }
  }
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info || !info.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    let body = await readFile(file);
    const ext = extname(file).toLowerCase();
    const headers = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    };
    if (COMPRESSIBLE.has(ext)) {
      headers.vary = 'accept-encoding';
      const accept = String(req.headers['accept-encoding'] ?? '');
      const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
      if (encoding && body.length > 256) {
        body = (await pack(file, info, body, 5))[encoding];
        headers['content-encoding'] = encoding;
      }
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
});

await packAll(root);
server.listen(port, host, () => {
  console.log(`serving ${root} on http://${host}:${port}/`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
