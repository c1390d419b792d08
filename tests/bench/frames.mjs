// The frame benchmark (numbers, not a test): the app's own CPU time per frame for each panel, in
// headless Chromium, on the seed corpus and on the BBC News corpus, and the time from navigation
// to loupe.ready. For each corpus it serves a copy of the built site with that corpus as
// corpus.json, shows each panel with loupe.show, keeps drawing for a number of frames with the
// mouse moving over the panel (hover work included), and prints the median and p99 of
// loupe.frameTimes(): the interface's time (events, the panels' layout and drawing into ImGui's
// lists) apart from the rendering's (WebGL calls, which SwiftShader runs on the CPU here).
//   node tests/bench/frames.mjs SITE_DIR WORK_DIR NAME=corpus.json...
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '../browser/node_modules/playwright-core/index.mjs';
import { startServer } from '../../scripts/lib/serve.mjs';
import { chromiumArguments, siteWithCorpus } from '../../scripts/lib/page-harness.mjs';

const [siteDirectory, workDirectory, ...corpora] = process.argv.slice(2);
if (!siteDirectory || !workDirectory || corpora.length === 0) {
  console.error('usage: node tests/bench/frames.mjs SITE_DIR WORK_DIR NAME=corpus.json...');
  process.exit(2);
}
const framesPerPanel = 240;

function percentile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

async function measure(name, corpusPath) {
  const site = siteWithCorpus(siteDirectory, corpusPath, path.join(workDirectory, `site-${name}`));
  const server = await startServer(site, 0, '127.0.0.1');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, args: chromiumArguments, viewport: { width: 1280, height: 800 },
  });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    const started = performance.now();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => Boolean(window.loupe?.ready), null, { timeout: 120_000 });
    await page.evaluate(() => window.loupe.ready.then(() => undefined));
    const readyMilliseconds = performance.now() - started;
    const { documents } = await page.evaluate(() => window.loupe.state());
    console.log(`\n${name}: ${documents.length} documents, ${fs.statSync(corpusPath).size} bytes of bundle; navigation to loupe.ready ${Math.round(readyMilliseconds)} ms`);
    console.log('panel          frames  interface median / p99 ms   rendering (WebGL in SwiftShader) median / p99 ms');
    await page.evaluate(() => window.loupe.keepDrawing(true));
    const { views } = await page.evaluate(() => window.loupe.state());
    for (const view of views) {
      await page.evaluate((shown) => window.loupe.show(shown), view);
      await page.waitForTimeout(300);  // the first frames of a panel (its layout) are not the steady state
      const before = await page.evaluate(() => window.loupe.framesDrawn());
      for (let step = 0; step < 40; step += 1) {
        await page.mouse.move(200 + (step * 23) % 900, 200 + (step * 37) % 500);
        await page.waitForTimeout(16);
      }
      await page.waitForFunction((target) => window.loupe.framesDrawn() >= target, before + framesPerPanel, { timeout: 120_000 });
      const drawn = (await page.evaluate(() => window.loupe.framesDrawn())) - before;
      const times = await page.evaluate(() => window.loupe.frameTimes());
      const count = Math.min(drawn, times.interface.length);
      const ui = times.interface.slice(-count);
      const render = times.render.slice(-count);
      const pair = (values) => `${percentile(values, 0.5).toFixed(2)} / ${percentile(values, 0.99).toFixed(2)}`;
      console.log(`${view.padEnd(14)} ${String(count).padStart(6)}  ${pair(ui).padStart(26)}   ${pair(render).padStart(26)}`);
    }
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
    await new Promise((resolve) => server.close(resolve));
  }
}

for (const entry of corpora) {
  const [name, corpusPath] = entry.split('=');
  await measure(name, corpusPath);
}
