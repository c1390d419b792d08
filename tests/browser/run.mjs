// Browser tests for the built Loupe page. Serves SITE_DIR on a free local port,
// opens it in headless Chromium (WebGL through SwiftShader), drives it through the
// window.loupe JavaScript API, checks the results against the seed files in seeds/,
// and saves a screenshot to OUT_DIR/explorer.png. Any console error, page error,
// failed request, HTTP status >= 400 or request to another origin fails the run.
//
// Once:  (cd tests/browser && npm ci)
// Run:   node --test-reporter=spec tests/browser/run.mjs SITE_DIR OUT_DIR
// It uses node:test, so it ends with node's summary and exits non-zero on any failure.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/lib/serve.mjs';

const [siteDirectory, outputDirectory] = process.argv.slice(2);
if (!siteDirectory || !outputDirectory) {
  console.error('usage: node tests/browser/run.mjs SITE_DIR OUT_DIR');
  process.exit(2);
}

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDirectory = path.join(repositoryRoot, 'seeds');
const readyTimeoutMilliseconds = 60_000;
const chromiumArguments = [
  '--headless',
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Seed documents as { id: file stem, text: whole file }, sorted by id.
const seeds = fs.readdirSync(seedsDirectory)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => ({
    id: path.basename(name, '.txt'),
    text: fs.readFileSync(path.join(seedsDirectory, name), 'utf8'),
  }));

// Ids of the seeds whose text contains `query`, case-insensitively.
function expectedMatches(query) {
  const needle = query.toLowerCase();
  return seeds.filter((seed) => seed.text.toLowerCase().includes(needle)).map((seed) => seed.id);
}

function rejectAfter(milliseconds, message) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(message)), milliseconds).unref());
}

describe('Loupe web page', () => {
  let server;
  let origin;
  let userDataDirectory;
  let context;
  let page;
  const problems = []; // console errors, page errors, failed, erroneous or foreign requests

  const state = () => page.evaluate(() => window.loupe.state());
  const search = (text) => page.evaluate((query) => window.loupe.search(query), text);
  const select = (id) => page.evaluate((documentId) => window.loupe.select(documentId), id);

  before(async () => {
    server = await startServer(siteDirectory, 0, '127.0.0.1');
    origin = `http://127.0.0.1:${server.address().port}`;
    userDataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-chromium-'));
    context = await chromium.launchPersistentContext(userDataDirectory, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: chromiumArguments,
      viewport: { width: 1280, height: 800 },
    });
    page = context.pages()[0] ?? await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()} (at ${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('data:') && new URL(url).origin !== origin) problems.push(`foreign request: ${url}`);
    });
  });

  after(async () => {
    await context?.close();
    if (userDataDirectory) fs.rmSync(userDataDirectory, { recursive: true, force: true });
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  });

  test('page loads and window.loupe.ready resolves', { timeout: readyTimeoutMilliseconds + 30_000 }, async () => {
    const start = performance.now();
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => Boolean(window.loupe?.ready), null, { timeout: readyTimeoutMilliseconds });
    await Promise.race([
      page.evaluate(() => window.loupe.ready.then(() => undefined)),
      rejectAfter(readyTimeoutMilliseconds, `window.loupe.ready did not resolve within ${readyTimeoutMilliseconds} ms`),
    ]);
    console.log(`time to loupe.ready: ${Math.round(performance.now() - start)} ms`);
  });

  test('the corpus has the four seed documents', async () => {
    const { documents } = await state();
    assert.equal(seeds.length, 4, 'seeds/ should hold four .txt files');
    assert.equal(documents.length, 4);
    assert.deepEqual(documents.map((document) => document.id).sort(), seeds.map((seed) => seed.id));
  });

  test('searching "Mistral" finds every seed that mentions it', async () => {
    await search('Mistral');
    const { query, results } = await state();
    const expected = expectedMatches('Mistral');
    assert.equal(query, 'Mistral');
    assert.equal(results.length, expected.length);
    assert.deepEqual([...results].sort(), expected);
  });

  test('searching "LeCun" finds only the seeds that mention it', async () => {
    await search('LeCun');
    const expected = expectedMatches('LeCun');
    assert.ok(expected.length > 0 && expected.length < seeds.length, 'seeds should split on "LeCun"');
    assert.deepEqual([...(await state()).results].sort(), expected);
  });

  test('an empty search matches all four documents', async () => {
    await search('');
    const { query, results } = await state();
    assert.equal(query, '');
    assert.equal(results.length, 4);
  });

  test('selecting the second document', async () => {
    const { documents } = await state();
    const id = documents[1].id;
    await select(id);
    assert.equal((await state()).selected, id);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    fs.mkdirSync(outputDirectory, { recursive: true });
    await page.screenshot({ path: path.join(outputDirectory, 'explorer.png') });
  });

  test('a search that matches nothing gives no results', async () => {
    const nonsense = 'qzxv-no-such-text-7f3a';
    assert.equal(expectedMatches(nonsense).length, 0);
    await search(nonsense);
    const { query, results } = await state();
    assert.equal(query, nonsense);
    assert.equal(results.length, 0);
  });

  test('no console errors, page errors, failed or foreign requests', () => {
    assert.deepEqual(problems, []);
  });
});
