// Tiny dependency-free static file server for the built Loupe site, used for
// local previews and by the browser tests.
//   node scripts/lib/serve.mjs ROOT [PORT] [HOST]     (defaults: 8080, 127.0.0.1)
// Tests import startServer(root, port, host) instead; port 0 picks a free port.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

function sendText(response, status, text) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
  response.end(text);
}

function handleRequest(root, request, response) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'Method Not Allowed\n');
    return;
  }
  let urlPath;
  try {
    urlPath = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
  } catch {
    sendText(response, 400, 'Bad Request\n');
    return;
  }
  if (urlPath.endsWith('/')) urlPath += 'index.html';
  const filePath = path.resolve(root, '.' + urlPath);
  if (urlPath.includes('\0') || (filePath !== root && !filePath.startsWith(root + path.sep))) {
    sendText(response, 403, 'Forbidden\n');
    return;
  }
  fs.stat(filePath, (statError, stats) => {
    if (statError || !stats.isFile()) {
      sendText(response, 404, 'Not Found\n');
      return;
    }
    response.writeHead(200, {
      'Content-Type': contentTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': stats.size,
      'Cache-Control': 'no-cache',
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    fs.createReadStream(filePath, { highWaterMark: 1 << 20 }).pipe(response);  // 1 MB reads: a 200 MB corpus in 200 steps, not 3,000
  });
}

export function startServer(root, port = 8080, host = '127.0.0.1') {
  const absoluteRoot = path.resolve(root);
  const server = http.createServer((request, response) => handleRequest(absoluteRoot, request, response));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root, port = '8080', host = '127.0.0.1'] = process.argv.slice(2);
  if (!root) {
    console.error('usage: node scripts/lib/serve.mjs ROOT [PORT] [HOST]');
    process.exit(2);
  }
  const server = await startServer(root, Number(port), host);
  console.log(`Serving ${path.resolve(root)} at http://${host}:${server.address().port}/`);
}
