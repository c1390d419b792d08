// Browser tests for the built Loupe page. Serves SITE_DIR on a free local port,
// opens it in headless Chromium (WebGL through SwiftShader), drives it through the
// window.loupe JavaScript API, checks the results against the seed files in seeds/,
// and saves a screenshot to OUT_DIR/explorer.png. Any console error, page error,
// failed request, HTTP status >= 400 or request to another origin fails the run.
//
// Once:  (cd tests/browser && npm ci)
// Run:   node --test-reporter=spec tests/browser/run.mjs SITE_DIR OUT_DIR LOUPE_CLI
// LOUPE_CLI is the native `loupe` tool: the page's answers are checked against `loupe query`.
// It uses node:test, so it ends with node's summary and exits non-zero on any failure.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/lib/serve.mjs';
import { chromiumArguments } from '../../scripts/lib/page-harness.mjs';

const [siteDirectory, outputDirectory, cliPath] = process.argv.slice(2);
if (!siteDirectory || !outputDirectory || !cliPath) {
  console.error('usage: node tests/browser/run.mjs SITE_DIR OUT_DIR LOUPE_CLI');
  process.exit(2);
}

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// The shared data (never in the repository), found as the build found it
// (scripts/cmake/shared_data.cmake, which also looks beside the checkout a fresh clone came from):
// LOUPE_DATA_DIR from the environment or the native build's cache, else beside this checkout.
function sharedDataDirectory() {
  const cache = path.join(path.dirname(cliPath), 'CMakeCache.txt');
  const configured = fs.existsSync(cache) ? /^LOUPE_DATA_DIR:PATH=(.*)$/m.exec(fs.readFileSync(cache, 'utf8'))?.[1] : '';
  for (const candidate of [process.env.LOUPE_DATA_DIR, configured, path.join(repositoryRoot, '..', 'shared', 'data')]) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

const seedsDirectory = path.join(repositoryRoot, 'seeds');
const readyTimeoutMilliseconds = 60_000;

// Seed documents as { id: file stem, text: whole file }, sorted by id.
const seeds = fs.readdirSync(seedsDirectory)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => ({
    id: path.basename(name, '.txt'),
    text: fs.readFileSync(path.join(seedsDirectory, name), 'utf8'),
  }));

// What the native CLI answers for a query on the page's own bundle: {total, ids (sorted)}.
function cliAnswer(query) {
  const output = execFileSync(cliPath, ['query', path.join(siteDirectory, 'corpus.json'), query, '--json', '--limit', '100000'],
    { encoding: 'utf8' });
  const answer = JSON.parse(output);
  return { total: answer.total, ids: answer.hits.map((hit) => hit.doc).sort() };
}

// Queries of every kind that the page and the CLI must answer alike.
const comparedQueries = [
  'Mistral', 'LeCun', 'invest', '"open source"', 'open-source', 'summit -paris', 'lecun OR qlik',
  '(meta OR microsoft) -deepseek', 'hassab*', '=investing', 'mistrl', 'doc:002_cb61db7a76a34ded',
  'Z\u00fcrich', '"data center" france', 'has:quote', 'has:money -summit', 'type:person', 'entity:"Mike Capone"',
];

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
  const requested = []; // the paths the page asked for, in order

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
    // Anything the page's Content-Security-Policy blocks (web/index.html) is a failure.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`);
      });
    });
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
      if (!url.startsWith('data:')) requested.push(new URL(url).pathname);
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

  test('searching "Mistral" finds the seeds the CLI finds, and sets the query', async () => {
    const state = await search('Mistral');
    const expected = cliAnswer('Mistral');
    assert.equal(state.query, 'Mistral');
    assert.ok(expected.total > 0 && expected.total < seeds.length, 'the seeds should split on "Mistral"');
    assert.equal(state.total, expected.total);
    assert.deepEqual([...state.results].sort(), expected.ids);
  });

  test('the page and the CLI give the same results for a dozen queries', async () => {
    for (const query of comparedQueries) {
      const state = await search(query);
      const expected = cliAnswer(query);
      assert.equal(state.total, expected.total, `total for ${query}`);
      assert.deepEqual([...state.results].sort(), expected.ids, `documents for ${query}`);
    }
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

  test('the quotes and money views show the extracted records', async (t) => {
    await search('');
    const { counts, views } = await state();
    assert.deepEqual(views, ['documents', 'entities', 'quotes', 'money', 'network', 'concordance', 'terms', 'notebook']);
    if (counts.quotes === 0) {
      t.skip('the seed bundle was built without the entity model (no shared data)');
      return;
    }
    assert.ok(counts.entities > 20 && counts.amounts >= 10, JSON.stringify(counts));
    const { selected_entity: shown } = await page.evaluate(() => window.loupe.selectEntity(window.loupe.state().counts && 'person:yann-lecun'));
    assert.equal(shown, 'person:yann-lecun');
    for (const view of ['entities', 'quotes', 'money']) {
      assert.equal((await page.evaluate((name) => window.loupe.show(name), view)).view, view);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await page.screenshot({ path: path.join(outputDirectory, `${view}.png`) });
    }
    const refused = await page.evaluate(() => { try { window.loupe.show('nowhere'); return null; } catch (error) { return error.message; } });
    assert.match(refused, /no view "nowhere"/);
    assert.equal((await page.evaluate(() => window.loupe.show('documents'))).view, 'documents');
  });

  const frames = (target = page) => target.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const waitUntilReady = async (target) => {
    await target.waitForFunction(() => Boolean(window.loupe?.ready), null, { timeout: readyTimeoutMilliseconds });
    await target.evaluate(() => window.loupe.ready.then(() => undefined));
  };

  test('every panel draws at 1280×800 and at 390×844 with a devicePixelRatio of 3', async () => {
    await page.evaluate(() => { window.loupe.filter(''); window.loupe.search(''); });
    const { views } = await state();
    for (const view of views) {
      assert.equal((await page.evaluate((name) => window.loupe.show(name), view)).view, view);
      await frames();
      if (view === 'network') await page.waitForTimeout(1500);  // the layout settles
      await page.screenshot({ path: path.join(outputDirectory, `wide-${view}.png`) });
    }
    // A phone: its own browser profile, as a phone's viewport, pixel ratio and touch screen are
    // fixed when the context starts.
    const phoneDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-phone-'));
    const phoneContext = await chromium.launchPersistentContext(phoneDirectory, {
      executablePath: '/usr/bin/chromium', headless: true, args: chromiumArguments,
      viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true,
    });
    try {
      const phone = phoneContext.pages()[0] ?? await phoneContext.newPage();
      phone.on('pageerror', (error) => problems.push(`page error (phone): ${error.message}`));
      await phone.goto(`${origin}/`);
      await waitUntilReady(phone);
      assert.equal(await phone.evaluate(() => window.devicePixelRatio), 3);
      assert.equal(await phone.evaluate(() => window.innerWidth), 390);
      for (const view of views) {
        assert.equal((await phone.evaluate((name) => window.loupe.show(name), view)).view, view);
        await frames(phone);
        if (view === 'network') await phone.waitForTimeout(1500);
        await phone.screenshot({ path: path.join(outputDirectory, `narrow-${view}.png`) });
      }
      // Tapping the search box brings up the on-screen keyboard (the hidden input takes the focus);
      // text typed there, Backspace and Enter reach the search box.
      await phone.evaluate(() => window.loupe.show('documents'));
      await frames(phone);
      await phone.touchscreen.tap(150, 101);
      await phone.waitForFunction(() => document.activeElement?.id === 'keyboard-bridge', null, { timeout: 15_000 });
      await phone.keyboard.insertText('mistrall');
      await phone.waitForFunction(() => window.loupe.state().query === 'mistrall', null, { timeout: 15_000 });
      await phone.keyboard.press('Backspace');
      await phone.waitForFunction(() => window.loupe.state().query === 'mistral', null, { timeout: 15_000 });
      await phone.keyboard.press('Enter');
      await frames(phone);
      assert.equal((await phone.evaluate(() => window.loupe.state())).total, cliAnswer('mistral').total);
      await phone.screenshot({ path: path.join(outputDirectory, 'narrow-typed.png') });
      // A finger dragged up the result list scrolls it and presses nothing: the selected document
      // stays; a tap then selects the row under it.
      await phone.evaluate(() => { window.loupe.search(''); window.loupe.show('documents'); });
      await frames(phone);
      const before = await phone.evaluate(() => window.loupe.state());
      const list = { x: 0, y: 300, width: 390, height: 400 };
      const unscrolled = await phone.screenshot({ clip: list });
      const touch = await phoneContext.newCDPSession(phone);
      await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 200, y: 650 }] });
      for (let y = 630; y >= 350; y -= 20) {
        await touch.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 200, y }] });
      }
      await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await frames(phone);
      await frames(phone);
      const after = await phone.evaluate(() => window.loupe.state());
      assert.equal(after.selected, before.selected, 'a drag selects nothing');
      assert.ok(!unscrolled.equals(await phone.screenshot({ clip: list })), 'the list scrolled');
    } finally {
      await phoneContext.close();
      fs.rmSync(phoneDirectory, { recursive: true, force: true });
    }
  });

  test('embed.js shows one view in another site\'s page, sized to it, scrolling with the host until clicked', async () => {
    const hostDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-host-'));
    fs.writeFileSync(path.join(hostDirectory, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><title>A blog</title></head>
<body style="font: 16px sans-serif; max-width: 640px; margin: 40px auto">
<h1>Who pays for Europe's AI?</h1><p>A post about the money pledged to AI in Europe.</p>
<script src="${origin}/embed.js" data-view="#view=money&amp;f=entity%3A%22Mistral%22" async></script>
<p style="height: 2000px">The rest of the post.</p></body></html>`);
    const hostServer = await startServer(hostDirectory, 0, '127.0.0.1');
    const host = await context.newPage();
    host.on('pageerror', (error) => problems.push(`page error (host): ${error.message}`));
    try {
      await host.goto(`http://127.0.0.1:${hostServer.address().port}/`);
      const iframe = await host.waitForSelector('iframe');
      const embedded = await iframe.contentFrame();
      await waitUntilReady(embedded);
      const shown = await embedded.evaluate(() => window.loupe.state());
      assert.equal(shown.view, 'money');
      assert.deepEqual(shown.filters, ['entity:"Mistral"']);
      await host.waitForFunction(() => document.querySelector('iframe').style.height !== '480px', null, { timeout: 10_000 });
      const height = await host.evaluate(() => parseFloat(document.querySelector('iframe').style.height));
      assert.ok(height >= 200 && height <= 1600, `iframe height ${height}`);
      await frames(embedded);
      await host.screenshot({ path: path.join(outputDirectory, 'embedded-money.png') });
      // The wheel over the unfocused view scrolls the host page; after a click the view has it.
      const box = await iframe.boundingBox();
      await host.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 150));
      await host.mouse.wheel(0, 300);
      await host.waitForFunction(() => window.scrollY > 0, null, { timeout: 5_000 });
      const scrolled = await host.evaluate(() => window.scrollY);
      const box2 = await iframe.boundingBox();
      await host.mouse.click(box2.x + box2.width / 2, box2.y + box2.height - 60);  // its visible part
      await host.mouse.wheel(0, 300);
      await host.waitForTimeout(300);
      assert.equal(await host.evaluate(() => window.scrollY), scrolled);
    } finally {
      await host.close();
      hostServer.closeAllConnections();  // the browser keeps its connections alive: close would wait for them
      await new Promise((resolve) => hostServer.close(resolve));
      fs.rmSync(hostDirectory, { recursive: true, force: true });
    }
  });

  test('left alone the explorer stops drawing; input or a change wakes it and fires loupe:change', async () => {
    await page.evaluate(() => window.loupe.show('documents'));
    // The few frames that follow a change end (however slow the machine); then nothing is drawn.
    let before = -1;
    for (let settled = 0, polls = 0; settled < 3 && polls < 40; polls += 1) {
      const drawn = await page.evaluate(() => window.loupe.framesDrawn());
      settled = drawn === before ? settled + 1 : 0;
      before = drawn;
      await page.waitForTimeout(250);
    }
    await page.waitForTimeout(1000);
    const idle = await page.evaluate(() => window.loupe.framesDrawn());
    assert.equal(idle, before, 'no frame drawn in a second of no input');
    await page.mouse.move(400, 300);
    await page.mouse.move(420, 320);
    await page.waitForFunction((count) => window.loupe.framesDrawn() > count, idle, { timeout: 10_000 });  // a mouse move draws frames
    const change = page.evaluate(() => new Promise((resolve) => window.addEventListener('loupe:change', (event) => resolve(event.detail.fragment), { once: true })));
    await page.evaluate(() => window.loupe.show('terms'));
    assert.match(await change, /view=terms/);
  });

  test('the text view shows the results, quotes and amounts as HTML, from a visible link', async () => {
    await page.evaluate(() => { window.loupe.filter(''); window.loupe.search('Mistral'); });
    const link = page.locator('#text-view-link');
    assert.ok(await link.isVisible());
    await link.click();
    const view = page.locator('#text-view');
    assert.ok(await view.isVisible());
    const { results, documents } = await state();
    const titles = await page.locator('#text-view-results li strong').allTextContents();
    assert.deepEqual(titles, results.map((id) => documents.find((document) => document.id === id).title));
    const quotes = await page.evaluate(() => window.loupe.export('quotes').quotes);
    assert.equal(await page.locator('#text-view-quotes li').count(), quotes.length);
    if (quotes.length > 0) assert.ok((await view.textContent()).includes(quotes[0].quote));
    await page.screenshot({ path: path.join(outputDirectory, 'text-view.png') });
    await page.keyboard.press('Tab');  // the keyboard stays with the HTML while it is open
    await page.locator('#text-view-close').click();
    assert.ok(await view.isHidden());
    assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas');
    const csv = await page.evaluate(() => window.loupe.export('results', 'csv'));
    assert.equal(csv.trim().split('\r\n').length, results.length + 1);
  });

  test('a right click on a quote offers Copy, which puts the quote on the clipboard', async () => {
    await page.evaluate(() => {
      window.loupe.filter('');
      window.loupe.search('');
      window.loupe.show('quotes');
      window.__copied = null;
      navigator.clipboard.writeText = async (text) => { window.__copied = text; };
    });
    await frames();
    await page.mouse.click(60, 200, { button: 'right' });  // the first quote's speaker
    await frames();
    await page.mouse.click(90, 215);  // "Copy", the context menu's only item
    await page.waitForFunction(() => window.__copied !== null, null, { timeout: 10_000 });
    const copied = await page.evaluate(() => window.__copied);
    const first = (await page.evaluate(() => window.loupe.export('quotes'))).quotes[0];
    assert.ok(copied.startsWith(`\u201c${first.quote}\u201d \u2014 ${first.speaker}`), copied);
    assert.match((await state()).status, /Copied/);
  });

  test('dragging over the reader\'s text selects it, and Ctrl+C copies just that span', async () => {
    const { documents } = await page.evaluate(() => {
      window.loupe.filter('');
      window.loupe.search('');
      window.loupe.show('documents');
      window.__copied = null;
      navigator.clipboard.writeText = async (text) => { window.__copied = text; };
      return window.loupe.state();
    });
    await select(documents[0].id);
    await frames();
    await page.mouse.move(900, 330);  // the first paragraph's second line
    await frames();
    await page.mouse.down();
    await frames();
    await page.mouse.move(1000, 360, { steps: 4 });
    await page.mouse.move(1100, 380, { steps: 4 });
    await frames();
    await page.mouse.up();
    await frames();
    await page.keyboard.down('Control');
    await page.keyboard.down('c');
    await frames();
    await page.keyboard.up('c');
    await page.keyboard.up('Control');
    await page.waitForFunction(() => window.__copied !== null, null, { timeout: 10_000 });
    const copied = await page.evaluate(() => window.__copied);
    const seed = seeds.find((candidate) => candidate.id === documents[0].id);
    const words = (text) => text.replace(/\s+/g, ' ').trim();
    assert.ok(words(copied).split(' ').length >= 10, `a span of words, not one: ${copied}`);
    assert.ok(words(seed.text).includes(words(copied)), `the span comes from the article: ${copied}`);
    assert.ok(copied.length < seed.text.length / 2, 'a span, not the whole article');
    await page.screenshot({ path: path.join(outputDirectory, 'wide-reader-selection.png') });
    await page.mouse.click(900, 600);  // a click elsewhere clears the selection
    await frames();
  });

  // Waits until the explorer has drawn `count` more frames (with loupe.keepDrawing on, however
  // slow the machine: a key held for fewer frames than that could be missed).
  const drawn = async (count = 3) => {
    const start = await page.evaluate(() => window.loupe.framesDrawn());
    await page.waitForFunction((target) => window.loupe.framesDrawn() >= target, start + count, { timeout: 15_000 });
  };

  test('Enter in the reader steps to the next search hit, scrolling to it; Shift+Enter steps back', async () => {
    await page.evaluate(() => { window.loupe.filter(''); window.loupe.search('AI'); window.loupe.show('documents'); window.loupe.keepDrawing(true); });
    try {
      await select('002_cb61db7a76a34ded');
      await page.mouse.click(1200, 210);  // the reader's header line, right of the title: focus, no selection
      await drawn();
      const reader = { x: 700, y: 300, width: 540, height: 420 };
      const press = async (key, times) => {
        for (let i = 0; i < times; ++i) {
          await page.keyboard.down(key);
          await drawn();
          await page.keyboard.up(key);
          await drawn();
        }
      };
      // Next then Previous: the first hit, scrolled to as a step scrolls to any hit.
      await press('Enter', 1);
      await page.keyboard.down('Shift');
      await press('Enter', 1);
      await page.keyboard.up('Shift');
      await drawn();
      const first = await page.screenshot({ clip: reader });
      await press('Enter', 12);
      assert.ok(!first.equals(await page.screenshot({ clip: reader })), 'the reader scrolled to a later hit');
      await page.keyboard.down('Shift');
      await press('Enter', 12);
      await page.keyboard.up('Shift');
      await drawn();
      assert.ok(first.equals(await page.screenshot({ clip: reader })), 'back at the first hit');
      assert.deepEqual((await state()).filters, [], 'stepping filtered nothing');
    } finally {
      await page.evaluate(() => window.loupe.keepDrawing(false));
    }
  });

  test('the mouse wheel scrolls the reader down and back up', async () => {
    const { documents } = await page.evaluate(() => {
      window.loupe.filter('');
      window.loupe.search('');
      window.loupe.show('documents');
      window.loupe.keepDrawing(true);
      return window.loupe.state();
    });
    try {
      await select(documents[0].id);
      await page.mouse.move(950, 500);
      await drawn();
      const reader = { x: 700, y: 150, width: 540, height: 560 };
      const top = await page.screenshot({ clip: reader });
      await page.mouse.wheel(0, 300);
      await drawn();
      const scrolled = await page.screenshot({ clip: reader });
      assert.ok(!top.equals(scrolled), 'the reader moved');
      await page.mouse.wheel(0, -3000);
      await drawn();
      assert.ok(top.equals(await page.screenshot({ clip: reader })), 'back at the top');
    } finally {
      await page.evaluate(() => window.loupe.keepDrawing(false));
    }
  });

  test('filter chips narrow the results and clear', async () => {
    await search('');
    const narrowed = await page.evaluate(() => window.loupe.filter('has:money'));
    assert.deepEqual(narrowed.filters, ['has:money']);
    assert.equal(narrowed.results.length, cliAnswer('has:money').total);
    const cleared = await page.evaluate(() => window.loupe.filter(''));
    assert.deepEqual(cleared.filters, []);
    assert.equal(cleared.results.length, 4);
  });

  test('a search that matches nothing gives no results', async () => {
    const nonsense = 'qzxv-no-such-text-7f3a';
    assert.equal(cliAnswer(nonsense).total, 0);
    await search(nonsense);
    const { query, results } = await state();
    assert.equal(query, nonsense);
    assert.equal(results.length, 0);
  });

  test('the view lives in the URL: Back returns to it, a reload restores it', async () => {
    const frames = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.evaluate(() => window.loupe.filter(''));
    await search('lecun');
    await page.evaluate(() => window.loupe.show('documents'));
    await frames();
    assert.match(await page.evaluate(() => location.hash), /^#q=lecun&doc=001_/);
    await page.evaluate(() => window.loupe.show('money'));
    await frames();
    assert.match(await page.evaluate(() => location.hash), /view=money/);
    await page.evaluate(() => history.back());
    await page.waitForFunction(() => window.loupe.state().view === 'documents');
    assert.equal((await state()).query, 'lecun');
    await page.evaluate(() => window.loupe.show('quotes'));
    await frames();
    await page.reload();
    await page.waitForFunction(() => Boolean(window.loupe?.ready));
    await page.evaluate(() => window.loupe.ready.then(() => undefined));
    const restored = await state();
    assert.equal(restored.query, 'lecun');
    assert.equal(restored.view, 'quotes');
    assert.match(restored.selected, /^001_/);
  });

  // A notebook as a reader keeps it: a note on a document, one on a quote, a saved search.
  const notebookFile = JSON.stringify({
    format: 'loupe-notebook', version: 1, tags: {},
    notes: [
      { doc: '002_cb61db7a76a34ded', start: 0, end: 0, quote: '', text: 'Check the 109 billion against the Élysée\'s release.' },
      { doc: '001_a5ab434f381efdb2', start: 10, end: 40, quote: 'open source', text: 'LeCun — "quoted" often' },
    ],
    searches: [{ name: 'Mistral\'s money', location: 'q=mistral&f=has%3Amoney&view=money' }],
  });
  // What the page kept in IndexedDB under a key (web/page.js: keeper), read by the page itself.
  const defineReadKept = (target) => target.evaluate(() => {
    window.readKept = (key) => new Promise((resolve, reject) => {
      const opening = indexedDB.open('loupe', 1);
      opening.onerror = () => reject(opening.error);
      opening.onsuccess = () => {
        const request = opening.result.transaction('kept', 'readonly').objectStore('kept').get(key);
        request.onsuccess = () => { resolve(request.result ?? null); opening.result.close(); };
        request.onerror = () => reject(request.error);
      };
    });
  });
  const holdKey = async (target, key) => {
    await target.keyboard.down(key);
    await frames(target);
    await target.keyboard.up(key);
    await frames(target);
  };

  test('the notebook is kept in IndexedDB across a reload; export, import and export give the same bytes; a failed write loses nothing', async () => {
    // A notebook file opened like any file is imported; the corpus stays.
    const opened = await page.evaluate((text) => window.loupe.openFiles([{ name: 'loupe-notebook.json', text }]), notebookFile);
    assert.deepEqual(opened.report, ['imported the notebook loupe-notebook.json'], 'a notebook alone reads no articles and has no summary');
    assert.equal(opened.state.documents.length, 4);
    assert.equal(opened.state.notebook.notes, 2);
    await defineReadKept(page);
    await page.evaluate(() => { window.loupe.filter(''); window.loupe.search(''); window.loupe.show('documents'); });
    await select('002_cb61db7a76a34ded');
    await frames();
    // A tag typed into the reader's "Add a tag" box, with the mouse and the keyboard.
    await page.mouse.click(740, 324);
    await frames();
    await page.keyboard.type('summit');
    await holdKey(page, 'Enter');
    await page.waitForFunction(() => window.loupe.state().notebook.tags === 1, null, { timeout: 10_000 });
    const kept = await page.evaluate(() => window.loupe.notebook());
    await page.waitForFunction(async (text) => await readKept('notebook') === text, kept, { timeout: 10_000 }).catch(() => {});
    assert.equal(await page.evaluate(() => readKept('notebook')), kept, 'IndexedDB holds the notebook');
    const parsed = JSON.parse(kept);
    assert.deepEqual(parsed.tags, { '002_cb61db7a76a34ded': ['summit'] });
    assert.equal(parsed.notes.length, 2);
    assert.equal(parsed.searches[0].name, 'Mistral\'s money');
    await page.screenshot({ path: path.join(outputDirectory, 'wide-reader-tagged.png') });

    await page.reload();
    await waitUntilReady(page);
    assert.equal(await page.evaluate(() => window.loupe.notebook()), kept, 'the reload kept every byte');
    await page.evaluate((text) => window.loupe.importNotebook(text), kept);
    assert.equal(await page.evaluate(() => window.loupe.notebook()), kept, 'import then export gives the same bytes');
    const tagged = await page.evaluate(() => window.loupe.filter('tag:"summit"'));
    assert.deepEqual(tagged.results, ['002_cb61db7a76a34ded']);
    await page.evaluate(() => window.loupe.show('notebook'));
    await frames();
    await page.screenshot({ path: path.join(outputDirectory, 'wide-notebook.png') });

    // Storage full: the reader is told, and what was kept stays as it was.
    await page.evaluate(() => {
      window.__put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
      window.loupe.filter('');
      window.loupe.show('documents');
    });
    await select('002_cb61db7a76a34ded');
    await frames();
    await page.mouse.click(700, 324);  // the reader's "summit ×" chip: removes the tag
    await page.waitForFunction(() => window.loupe.state().notebook.tags === 0, null, { timeout: 10_000 });
    await page.waitForFunction(() => /Could not keep your notebook.*QuotaExceededError/.test(window.loupe.state().status), null, { timeout: 10_000 });
    await page.screenshot({ path: path.join(outputDirectory, 'wide-storage-full.png') });
    await page.evaluate(() => { IDBObjectStore.prototype.put = window.__put; });
    await page.reload();
    await waitUntilReady(page);
    assert.equal(await page.evaluate(() => window.loupe.notebook()), kept, 'the failed write damaged nothing');
  });

  test('a reader\'s own corpus and notebook survive a browser restart, and the corpus can be forgotten', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-restart-'));
    const launch = () => chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium', headless: true, args: chromiumArguments, viewport: { width: 1280, height: 800 },
    });
    let browser = null;  // closed in any case: a failed assertion must not leave it running
    try {
      browser = await launch();
      let tab = browser.pages()[0] ?? await browser.newPage();
      await tab.goto(`${origin}/`);
      await waitUntilReady(tab);
      await tab.evaluate((text) => window.loupe.openFiles([
        { name: 'loupe-notebook.json', text },
        { name: 'harbour.txt', text: 'The harbour reopens\n\nThe port of Marseille reopened on Monday after a strike, the mayor said.' },
        { name: 'rail.txt', text: 'Rail strike ends\n\nTrains ran again in Lyon on Tuesday.' },
      ]), notebookFile);
      assert.equal((await tab.evaluate(() => window.loupe.state())).notebook.notes, 2, 'the notebook among the files was imported');
      await tab.waitForFunction(() => window.loupe.state().documents.length === 2, null, { timeout: 30_000 });
      const notebook = await tab.evaluate(() => window.loupe.notebook());
      await tab.waitForTimeout(500);  // the writes settle
      await browser.close();

      browser = await launch();
      tab = browser.pages()[0] ?? await browser.newPage();
      await tab.goto(`${origin}/`);
      await waitUntilReady(tab);
      const restored = await tab.evaluate(() => window.loupe.state());
      assert.deepEqual(restored.documents.map((document) => document.title).sort(), ['Rail strike ends', 'The harbour reopens']);
      assert.equal(await tab.evaluate(() => window.loupe.notebook()), notebook);
      // The notebook panel's "Forget my corpus" brings back the shipped one; the notes stay.
      await tab.evaluate(() => window.loupe.show('notebook'));
      await frames(tab);
      await tab.screenshot({ path: path.join(outputDirectory, 'wide-notebook-own-corpus.png') });
      await tab.mouse.click(400, 190);  // "Forget my corpus", third in the panel's first row
      await tab.waitForFunction(() => window.loupe.state().documents.length === 4, null, { timeout: 15_000 });
      await tab.reload();
      await waitUntilReady(tab);
      assert.equal((await tab.evaluate(() => window.loupe.state())).documents.length, 4, 'the forgotten corpus stays forgotten');
      assert.equal(await tab.evaluate(() => window.loupe.notebook()), notebook);
      await browser.close();
    } finally {
      await browser?.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });

  test('HTML in a reader\'s file, its title and its name is shown as text everywhere, never run', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-hostile-'));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium', headless: true, args: chromiumArguments, viewport: { width: 1280, height: 800 },
    });
    try {
      const tab = browser.pages()[0] ?? await browser.newPage();
      const violations = [];
      tab.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) violations.push(message.text()); });
      await tab.goto(`${origin}/`);
      await waitUntilReady(tab);
      await tab.evaluate(() => { window.__ran = false; window.alert = () => { window.__ran = true; }; });
      const name = '<img src=x onerror="window.__ran=true">.html';
      await tab.evaluate((fileName) => window.loupe.openFiles([{ name: fileName, text:
        '<html><head><title>Markets <b onmouseover="window.__ran=true">rally</b></title><script>window.__ran = true</script></head>' +
        '<body><p onclick="window.__ran=true">Shares rose in Paris, the minister said, with <img src=x onerror="window.__ran=true"> no image.</p>' +
        '<p>The page printed &lt;script&gt;window.__ran=true&lt;/script&gt; as words.</p></body></html>' }]), name);
      await tab.waitForFunction(() => window.loupe.state().documents.length === 1, null, { timeout: 30_000 });
      const { documents } = await tab.evaluate(() => window.loupe.state());
      assert.doesNotMatch(documents[0].title, /<b|onmouseover/, 'markup in the title is not kept as markup');
      await tab.evaluate(() => window.loupe.search('words'));
      await tab.locator('#text-view-link').click();
      const view = tab.locator('#text-view');
      await view.waitFor();
      assert.equal(await tab.evaluate(() => document.querySelectorAll('#text-view img, #text-view script, #text-view b').length), 0);
      assert.match(await view.textContent(), /<script>window\.__ran=true<\/script>/, 'the escaped script shows as its words');
      const csv = await tab.evaluate(() => window.loupe.export('results', 'csv'));
      assert.match(csv, /<script>window\.__ran=true<\/script>/);
      await tab.waitForTimeout(300);
      assert.equal(await tab.evaluate(() => window.__ran), false, 'nothing from the file ran');
      assert.deepEqual(violations, []);
    } finally {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });

  test('a reader\'s own files replace the corpus, with the extraction model fetched only then', async (t) => {
    assert.ok(!requested.includes('/entities.model'), 'the model must not load with the page');
    const seedNames = fs.readdirSync(path.join(repositoryRoot, 'seeds')).sort();
    const files = seedNames.slice(0, 2).map((name) => ({
      name: `mine/${name}`,
      bytes: [...fs.readFileSync(path.join(repositoryRoot, 'seeds', name))],
    }));
    files.push({ name: 'mine/picture.png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13] });
    const { report, state: opened } = await page.evaluate(
      (list) => window.loupe.openFiles(list.map((file) => ({ name: file.name, bytes: new Uint8Array(file.bytes) }))), files);
    assert.equal(opened.documents.length, 2);
    assert.equal(opened.documents[0].id, `mine/${seedNames[0].replace(/\.txt$/, '')}`);
    assert.ok(report.some((line) => line.startsWith('skipped mine/picture.png')), report.join('\n'));
    assert.ok(report.some((line) => line.startsWith('summary: 3 files: 2 read')), report.join('\n'));
    if (!fs.existsSync(path.join(siteDirectory, 'entities.model'))) {
      t.skip('no entity model in the site (no shared data)');
      return;
    }
    assert.ok(requested.includes('/entities.model'));
    assert.ok(opened.counts.entities > 5 && opened.counts.quotes > 0, JSON.stringify(opened.counts));
    const refused = await page.evaluate(() => window.loupe.openFiles([{ name: 'empty.txt', text: '' }]).then(() => null, (error) => error.message));
    assert.equal(refused, 'no document could be read from these files');
    assert.equal((await state()).documents.length, 2);  // a failed open keeps the corpus
    // Opened at once (a second drop while the first is read), the files are read one set after
    // the other: the first opens, the empty one is refused, the last is what is shown.
    const [first, empty, last] = await page.evaluate((list) => Promise.allSettled([
      window.loupe.openFiles(list.slice(0, 1).map((file) => ({ name: file.name, bytes: new Uint8Array(file.bytes) }))),
      window.loupe.openFiles([{ name: 'empty.txt', text: '' }]),
      window.loupe.openFiles(list.slice(0, 2).map((file) => ({ name: `again/${file.name}`, bytes: new Uint8Array(file.bytes) }))),
    ]).then((results) => results.map((result) => result.status === 'fulfilled' ? result.value.report.find((line) => line.startsWith('summary: ')) : result.reason.message)), files);
    assert.match(first, /^summary: 1 file: 1 read/);
    assert.equal(empty, 'no document could be read from these files');
    assert.match(last, /^summary: 2 files: 2 read/);
    assert.equal((await state()).documents[0].id, `again/mine/${seedNames[0].replace(/\.txt$/, '')}`);
  });

  test('dropping a folder of BBC articles builds a corpus in the page, with progress and frames drawn meanwhile', async (t) => {
    const folder = path.join(sharedDataDirectory() ?? '/nonexistent', 'bbc', 'tech');
    if (!fs.existsSync(folder)) {
      t.skip('no BBC corpus in the shared data');
      return;
    }
    const names = fs.readdirSync(folder).filter((name) => name.endsWith('.txt')).sort();
    const files = names.map((name) => ({ name: `tech/${name}`, base64: fs.readFileSync(path.join(folder, name)).toString('base64') }));
    await page.evaluate((list) => {
      window.__progressSeen = false;
      // The files are made first: making them is this test's work, not the page's.
      const transfer = new DataTransfer();
      for (const file of list) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: 'text/plain' }));
      }
      // The page must not freeze: a timer that should tick every 16 ms records the longest gap.
      window.__longestGap = 0;
      window.__longestGapAfter = '';  // what the progress bar said when it began: which step froze
      let last = performance.now();
      let progressBefore = 'the drop itself';
      window.__ticker = setInterval(() => {
        const now = performance.now();
        if (now - last > window.__longestGap) {
          window.__longestGap = now - last;
          window.__longestGapAfter = progressBefore;
        }
        progressBefore = document.getElementById('file-progress').hidden ? '(no progress shown)' : document.getElementById('file-progress-text').textContent;
        last = now;
      }, 16);
      new MutationObserver(() => { if (!document.getElementById('file-progress').hidden) window.__progressSeen = true; })
        .observe(document.getElementById('file-progress'), { attributes: true });
      document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, files);
    await page.waitForFunction((count) => window.loupe.state().documents.length === count, names.length, { timeout: 120_000 });
    const opened = await state();
    assert.ok(opened.counts.entities > 100 && opened.counts.quotes > 50, JSON.stringify(opened.counts));
    assert.ok(await page.evaluate(() => window.__progressSeen), 'the progress bar showed');
    const [longestGap, gapAfter] = await page.evaluate(() => { clearInterval(window.__ticker); return [window.__longestGap, window.__longestGapAfter]; });
    console.log(`dropped ${names.length} BBC files: the longest the page was busy at once: ${Math.round(longestGap)} ms, after "${gapAfter}"`);
    assert.ok(longestGap < 1000, `the page froze for ${Math.round(longestGap)} ms, after "${gapAfter}"`);
    assert.match(opened.status, new RegExp(`summary: ${names.length} files: ${names.length} read`));
    await page.evaluate(() => window.loupe.show('network'));
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(outputDirectory, 'dropped-bbc-network.png') });
  });

  test('dropping a corrupt file names it and why in the status bar, and keeps the corpus', async () => {
    const before = (await state()).documents.length;
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['{"text": "half a rec'], 'broken.json', { type: 'application/json' }));
      transfer.items.add(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])], 'photo.txt'));
      document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    // (the test before left a "Nothing opened" of its own: wait for this drop's)
    await page.waitForFunction(() => window.loupe.state().status.includes('broken.json'), null, { timeout: 10_000 });
    const after = await state();
    assert.equal(after.documents.length, before);
    assert.match(after.status, /^Nothing opened/);
    assert.match(after.status, /skipped broken\.json: [^.]+/);
    assert.match(after.status, /skipped photo\.txt/);
    await frames();
    await page.screenshot({ path: path.join(outputDirectory, 'dropped-corrupt.png') });
  });

  test('a file over the size limit is refused by its size, never read, and the other files are', async () => {
    const opened = await page.evaluate(async () => {
      const huge = new File([new Uint8Array(65 * 1024 * 1024).fill(0x61)], 'huge.txt');
      let bytesRead = 0;
      const arrayBuffer = huge.arrayBuffer.bind(huge);
      huge.arrayBuffer = () => { bytesRead += huge.size; return arrayBuffer(); };  // would count a read
      const small = new File(['Harbour news\n\nThe port of Marseille reopened on Monday, the mayor said.'], 'harbour.txt');
      const result = await window.loupe.openFiles([huge, small]);
      return { report: result.report, documents: result.state.documents.length, bytesRead };
    });
    assert.equal(opened.bytesRead, 0, 'the huge file was never read');
    assert.ok(opened.report.includes('skipped huge.txt: too large: 65.0 MB (the limit is 64.0 MB a file)'), opened.report.join('\n'));
    assert.equal(opened.documents, 1);
  });

  test('a browser that cannot draw with WebGL 2 is told so, and loupe.ready rejects', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-no-webgl-'));
    const withoutWebGL = await chromium.launchPersistentContext(directory, {
      executablePath: '/usr/bin/chromium', headless: true, args: [...chromiumArguments, '--disable-3d-apis'],
    });
    try {
      const other = withoutWebGL.pages()[0] ?? await withoutWebGL.newPage();
      await other.goto(`${origin}/`);
      const outcome = await other.evaluate(() => window.loupe.ready.then(() => 'ready', (error) => `rejected: ${error.message}`));
      assert.match(outcome, /^rejected: could not create a window/);
      assert.equal(await other.evaluate(() => document.getElementById('failure').hidden), false);
      assert.match(await other.locator('#failure-text').textContent(), /cannot draw with WebGL 2/);
    } finally {
      await withoutWebGL.close();
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  test('no console errors, page errors, failed or foreign requests', () => {
    assert.deepEqual(problems, []);
  });
});
