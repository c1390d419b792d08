// The scale benchmark (numbers, not a test): Loupe on the scale corpus of scripts/scale-corpus at
// each size (1, 10, 100 MB of text), natively and in headless Chromium, as one table:
//   - `loupe build --format binary` with extraction, natively: MB/s of text (from
//     build/scale/scale-<N>mb.build.json, which scripts/scale-corpus writes), and the bundles' sizes;
//   - native load (`loupe stats BUNDLE --timing`): the binary bundle's and the JSON bundle's, with
//     what part is decoding and what part indexing; native search latency (p50/p95 over
//     tests/bench/queries.txt, each query set as the search box does: ranking, facets, passages);
//     each panel's frames headless (build/native/loupe_frames_bench: the interface's CPU time, the
//     slowest panel's median and p99, and the slowest of a panel's first frames);
//   - in headless Chromium (the flags of tests/browser/run.mjs), the built page served from a copy
//     of build/web/site whose corpus.json is the scale bundle (the page reads either format):
//     navigation to loupe.ready (the median of --navigations, 3 by default, each in a browser of
//     its own: one navigation moves by a second or more with this machine's load); the search's
//     p95 in the page (the explorer's SetQuery through the page's C API, ranking and facets
//     included; and loupe.search(), which also returns the whole state as JSON); each panel's frame time (median, p99 and the worst frame, the first after
//     showing it included) with the mouse moving over it; the wasm memory (HEAP8.length) and the
//     JS heap; and the page's own load of the bundle's bytes, timed again after the rest.
// The load average (uptime) is printed with each measurement: the machine may be busy.
//
//   node tests/bench/scale.mjs [--sizes 1,10,100] [--runs N] [--frames N] [--navigations N] [--skip-browser]
//   (scripts/bench-scale builds what it needs and runs this)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '../browser/node_modules/playwright-core/index.mjs';
import { startServer } from '../../scripts/lib/serve.mjs';
import { chromiumArguments, siteWithCorpus } from '../../scripts/lib/page-harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = path.join(root, 'build/scale');
const cli = path.join(root, 'build/native/loupe');
const framesBench = path.join(root, 'build/native/loupe_frames_bench');
const site = path.join(root, 'build/web/site');
const queriesPath = path.join(root, 'tests/bench/queries.txt');
const MB = 1e6;

const options = { sizes: [1, 10, 100], runs: 3, frames: 120, navigations: 3, browser: true };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--sizes') options.sizes = args[++i].split(',').map(Number);
  else if (args[i] === '--runs') options.runs = Number(args[++i]);
  else if (args[i] === '--frames') options.frames = Number(args[++i]);
  else if (args[i] === '--navigations') options.navigations = Number(args[++i]);
  else if (args[i] === '--skip-browser') options.browser = false;
  else {
    console.error('usage: node tests/bench/scale.mjs [--sizes 1,10,100] [--runs N] [--frames N] [--navigations N] [--skip-browser]');
    process.exit(2);
  }
}

const queries = fs.readFileSync(queriesPath, 'utf8').split('\n').filter((line) => line.trim() && !line.startsWith('#'));
const load = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');
const median = (values) => percentile(values, 0.5);
function percentile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] : NaN;
}
const log = (line) => console.log(`  [load ${load()}] ${line}`);

// [SECTION] Native -------------------------------------------------------------------------------------
// `loupe stats BUNDLE --timing`: {decode, index, total} ms, and the search line when queries are given.
function nativeTiming(bundle, withQueries) {
  const extra = withQueries ? ['--queries', queriesPath, '--runs', String(options.runs)] : [];
  const output = execFileSync(cli, ['stats', bundle, '--timing', ...extra], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const times = /read file ([\d.]+) ms, decode ([\d.]+) ms, index ([\d.]+) ms, explorer load ([\d.]+) ms, total ([\d.]+) ms/.exec(output);
  const search = /search: .* p50 ([\d.]+) ms, p95 ([\d.]+) ms, p99 ([\d.]+) ms, max ([\d.]+) ms/.exec(output);
  return {
    read: Number(times[1]), decode: Number(times[2]), index: Number(times[3]), explorer: Number(times[4]), total: Number(times[5]),
    search: search ? { p50: Number(search[1]), p95: Number(search[2]), p99: Number(search[3]), max: Number(search[4]) } : null,
  };
}

function measureNative(name) {
  const binary = path.join(work, `scale-${name}.bin`);
  const json = path.join(work, `scale-${name}.json`);
  const runs = [];
  for (let run = 0; run < 3; run += 1) runs.push(nativeTiming(binary, false));
  runs.sort((a, b) => a.total - b.total);
  const binaryLoad = runs[1];
  log(`native load, binary bundle (median of 3): read ${binaryLoad.read.toFixed(0)} ms, decode ${binaryLoad.decode.toFixed(0)} ms ` +
      `(checks, copies and the stored index), index ${binaryLoad.index.toFixed(0)} ms, explorer load ${binaryLoad.explorer.toFixed(0)} ms, ` +
      `total ${binaryLoad.total.toFixed(0)} ms   [build/native/loupe stats ${path.relative(root, binary)} --timing]`);
  const jsonLoad = nativeTiming(json, false);
  log(`native load, JSON bundle: read ${jsonLoad.read.toFixed(0)} ms, decode ${jsonLoad.decode.toFixed(0)} ms (parsing), index ` +
      `${jsonLoad.index.toFixed(0)} ms (from the text), total ${jsonLoad.total.toFixed(0)} ms   [build/native/loupe stats ${path.relative(root, json)} --timing]`);
  const { search } = nativeTiming(binary, true);
  log(`native search: ${queries.length} queries x ${options.runs}: p50 ${search.p50.toFixed(2)} ms, p95 ${search.p95.toFixed(2)} ms, ` +
      `max ${search.max.toFixed(2)} ms   [build/native/loupe stats ${path.relative(root, binary)} --timing --queries tests/bench/queries.txt --runs ${options.runs}]`);
  // Each panel's frames, headless (the interface alone: no renderer, no other process's work).
  const frames = JSON.parse(execFileSync(framesBench, [binary, '--json', '--frames', String(options.frames * 2)], { encoding: 'utf8' }).trim().split('\n').pop()).panels;
  const slowest = (key) => Object.entries(frames).sort((a, b) => b[1][key] - a[1][key])[0];
  const [medianView, median] = slowest('cpu_median');
  const [p99View, p99] = slowest('cpu_p99');
  const [firstView, first] = slowest('first_cpu');
  log(`native frames (thread CPU time): slowest median ${median.cpu_median.toFixed(2)} ms (${medianView}), slowest p99 ` +
      `${p99.cpu_p99.toFixed(2)} ms (${p99View}), slowest first frames ${first.first_cpu.toFixed(1)} ms (${firstView})   ` +
      `[build/native/loupe_frames_bench ${path.relative(root, binary)} --frames ${options.frames * 2}]`);
  return { binaryLoad, jsonLoad, search, frames };
}

// [SECTION] Browser -----------------------------------------------------------------------------------
// The page with the bundle of this size, in a freshly started browser, from navigation to
// loupe.ready: {page, ready (ms), errors (the page's, as they come), close()}.
async function openAtReady(name) {
  const server = await startServer(siteWithCorpus(site, path.join(work, `scale-${name}.bin`), path.join(work, `site-${name}`)), 0, '127.0.0.1');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-scale-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, args: chromiumArguments, viewport: { width: 1280, height: 800 },
  });
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
    await new Promise((resolve) => server.close(resolve));
  };
  try {
    const page = context.pages()[0] ?? await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    const started = performance.now();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => Boolean(window.loupe?.ready), null, { timeout: 600_000 });
    await page.evaluate(() => window.loupe.ready.then(() => undefined));
    return { page, ready: performance.now() - started, errors, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function navigationToReady(name) {
  const opened = await openAtReady(name);
  await opened.close();
  return opened.ready;
}

async function measureBrowser(name) {
  const { page, ready, errors, close } = await openAtReady(name);
  const result = { ready };
  try {
    if (errors.length) throw new Error(`the page failed: ${errors.join('; ')}`);
    const state = await page.evaluate(() => {
      const { documents, index_ms: indexMs, counts } = window.loupe.state();
      return { documents: documents.length, indexMs, counts };
    });
    result.documents = state.documents;
    result.memoryAfterLoad = await page.evaluate(() => ({ wasm: window.Module.HEAP8.length, js: performance.memory?.usedJSHeapSize ?? 0 }));
    // Where the time went: the downloads (resource timing, from the navigation's start) and the
    // moment loupe.ready resolved.
    result.timeline = await page.evaluate(async () => {
      const ends = {};
      for (const entry of performance.getEntriesByType('resource')) {
        const name = entry.name.split('/').pop();
        if (name === 'corpus.json' || name === 'loupe.wasm' || name === 'loupe.js') ends[name] = { start: entry.startTime, end: entry.responseEnd };
      }
      return { ends, now: performance.now() };
    });
    const downloads = Object.entries(result.timeline.ends).map(([file, { start, end }]) => `${file} ${start.toFixed(0)}..${end.toFixed(0)} ms`).join(', ');
    log(`browser timeline from the navigation's start: ${downloads}; loupe.ready seen at about ${result.timeline.now.toFixed(0)} ms`);
    log(`browser: navigation to loupe.ready ${result.ready.toFixed(0)} ms (${state.documents} documents, the page's index step ${state.indexMs.toFixed(0)} ms); ` +
        `wasm memory ${(result.memoryAfterLoad.wasm / MB).toFixed(0)} MB, JS heap ${(result.memoryAfterLoad.js / MB).toFixed(0)} MB`);

    // Search: the explorer's SetQuery through the page's C API (what the search box does), and the
    // whole loupe.search() (which returns the state as JSON, its list of every document included).
    const timings = await page.evaluate(({ list, runs }) => {
      const core = [];
      const api = [];
      for (let run = 0; run < runs; run += 1) {
        for (const query of list) {
          let before = performance.now();
          window.Module.ccall('loupe_search', null, ['string'], [query]);
          core.push(performance.now() - before);
          before = performance.now();
          window.loupe.search(query);
          api.push(performance.now() - before);
        }
      }
      window.loupe.search('');
      return { core, api };
    }, { list: queries, runs: options.runs });
    result.search = { p50: median(timings.core), p95: percentile(timings.core, 0.95), max: Math.max(...timings.core) };
    result.api = { p50: median(timings.api), p95: percentile(timings.api, 0.95) };
    log(`browser search: ${queries.length} queries x ${options.runs}: p50 ${result.search.p50.toFixed(2)} ms, p95 ${result.search.p95.toFixed(2)} ms, ` +
        `max ${result.search.max.toFixed(2)} ms; loupe.search() with the state: p50 ${result.api.p50.toFixed(1)} ms, p95 ${result.api.p95.toFixed(1)} ms`);

    // Frames: each view with the empty query (every document in the results), the mouse moving.
    await page.evaluate(() => window.loupe.keepDrawing(true));
    const { views } = await page.evaluate(() => window.loupe.state());
    result.frames = {};
    for (const view of views) {
      const before = await page.evaluate(() => window.loupe.framesDrawn());
      await page.evaluate((shown) => window.loupe.show(shown), view);
      await page.waitForTimeout(300);
      const steady = await page.evaluate(() => window.loupe.framesDrawn());
      for (let step = 0; step < 40; step += 1) {
        await page.mouse.move(200 + (step * 23) % 900, 200 + (step * 37) % 500);
        await page.waitForTimeout(16);
      }
      await page.waitForFunction((target) => window.loupe.framesDrawn() >= target, steady + options.frames, { timeout: 300_000 });
      const drawn = await page.evaluate(() => window.loupe.framesDrawn());
      const times = await page.evaluate(() => window.loupe.frameTimes());
      const all = times.interface.slice(-Math.min(drawn - before, times.interface.length));
      const measured = times.interface.slice(-Math.min(drawn - steady, times.interface.length));
      const render = times.render.slice(-Math.min(drawn - steady, times.render.length));
      result.frames[view] = { median: median(measured), p99: percentile(measured, 0.99), worst: Math.max(...all), render: median(render) };
      log(`frame, ${view.padEnd(12)} interface median ${result.frames[view].median.toFixed(2)} ms, p99 ${result.frames[view].p99.toFixed(2)} ms, ` +
          `worst ${result.frames[view].worst.toFixed(1)} ms (the first after showing it included); rendering (SwiftShader) median ${result.frames[view].render.toFixed(2)} ms`);
    }
    await page.evaluate(() => window.loupe.keepDrawing(false));
    result.memory = await page.evaluate(() => ({ wasm: window.Module.HEAP8.length, js: performance.memory?.usedJSHeapSize ?? 0 }));
    log(`memory after every panel: wasm ${(result.memory.wasm / MB).toFixed(0)} MB, JS heap ${(result.memory.js / MB).toFixed(0)} MB`);

    // The page's load of the bundle's bytes, timed by itself (the corpus is loaded a second time).
    result.pageLoad = await page.evaluate(async () => {
      const fetching = performance.now();
      const bytes = new Uint8Array(await (await fetch('corpus.json')).arrayBuffer());
      const started = performance.now();
      const fetched = started - fetching;
      const pointer = window.Module._malloc(bytes.length);
      window.Module.HEAPU8.set(bytes, pointer);
      const copied = performance.now();
      const error = window.Module.UTF8ToString(window.Module._loupe_load_bundle(pointer, bytes.length));
      const loaded = performance.now();
      window.Module._free(pointer);
      if (error) throw new Error(error);
      return { fetched, copy: copied - started, load: loaded - copied, index: window.loupe.state().index_ms, wasm: window.Module.HEAP8.length };
    });
    log(`the page's load of the bundle: fetch (arrayBuffer, no progress) ${result.pageLoad.fetched.toFixed(0)} ms, copy into wasm ${result.pageLoad.copy.toFixed(0)} ms, _loupe_load_bundle ${result.pageLoad.load.toFixed(0)} ms ` +
        `(of which the index step ${result.pageLoad.index.toFixed(0)} ms); wasm memory then ${(result.pageLoad.wasm / MB).toFixed(0)} MB`);
  } finally {
    await close();
  }
  return result;
}

// [SECTION] The table ---------------------------------------------------------------------------------
const rows = [];
for (const size of options.sizes) {
  const name = `${size}mb`;
  const buildPath = path.join(work, `scale-${name}.build.json`);
  if (!fs.existsSync(buildPath)) throw new Error(`${path.relative(root, buildPath)} is missing: run scripts/scale-corpus ${size}`);
  const built = JSON.parse(fs.readFileSync(buildPath, 'utf8'));
  console.log(`\n${name}: ${built.files} documents, ${(built.text_bytes / MB).toFixed(1)} MB of text`);
  const runsNote = built.runs ? ` (the median of ${built.runs.length} runs: ` +
      `${built.runs.map((timing) => (built.text_bytes / MB / timing.seconds).toFixed(2)).join(', ')} MB/s)` : '';
  log(`loupe build --format binary with extraction: ${built.seconds.toFixed(1)} s, ${built.mb_per_s.toFixed(2)} MB/s${runsNote}; CPU time ` +
      `${built.cpu_seconds.toFixed(1)} s, ${built.mb_per_cpu_s.toFixed(2)} MB/s (load average then: ${built.load_before} before, ` +
      `${built.load_after} after)   [scripts/scale-corpus ${size}]`);
  const binaryBytes = fs.statSync(path.join(work, `scale-${name}.bin`)).size;
  const jsonBytes = fs.statSync(path.join(work, `scale-${name}.json`)).size;
  log(`bundles: binary ${(binaryBytes / MB).toFixed(1)} MB (the search index included), JSON ${(jsonBytes / MB).toFixed(1)} MB`);
  const native = measureNative(name);
  const browser = options.browser ? await measureBrowser(name) : null;
  if (browser) {
    browser.readyRuns = [browser.ready];
    for (let run = 1; run < options.navigations; run += 1) browser.readyRuns.push(await navigationToReady(name));
    browser.readyMedian = median(browser.readyRuns);
    log(`browser: navigation to loupe.ready in ${browser.readyRuns.length} freshly started browsers: ` +
        `${browser.readyRuns.map((ready) => ready.toFixed(0)).join(', ')} ms; median ${browser.readyMedian.toFixed(0)} ms`);
  }
  rows.push({ size, built, binaryBytes, jsonBytes, native, browser });
}
fs.writeFileSync(path.join(work, 'results.json'), `${JSON.stringify(rows, null, 2)}\n`);

const fixed = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const table = [
  ['', ...rows.map((row) => `${row.size} MB`)],
  ['documents', ...rows.map((row) => String(row.built.files))],
  ['loupe build + extraction, MB/s: wall / CPU', ...rows.map((row) => `${fixed(row.built.mb_per_s, 2)} / ${fixed(row.built.mb_per_cpu_s, 2)}`)],
  ['bundle, binary / JSON, MB', ...rows.map((row) => `${fixed(row.binaryBytes / MB, 1)} / ${fixed(row.jsonBytes / MB, 1)}`)],
  ['native load, binary, ms (decode + rest)', ...rows.map((row) => `${fixed(row.native.binaryLoad.total)} (${fixed(row.native.binaryLoad.decode)} + ${fixed(row.native.binaryLoad.total - row.native.binaryLoad.decode)})`)],
  ['native load, JSON, ms (parse + index)', ...rows.map((row) => `${fixed(row.native.jsonLoad.total)} (${fixed(row.native.jsonLoad.decode)} + ${fixed(row.native.jsonLoad.index)})`)],
  ['native search p50 / p95, ms', ...rows.map((row) => `${fixed(row.native.search.p50, 2)} / ${fixed(row.native.search.p95, 2)}`)],
  ...[['cpu_median', 'frame median'], ['cpu_p99', 'frame p99'], ['first_cpu', 'first frames']].map(([key, label]) => [
    `native slowest panel, ${label} (CPU), ms`,
    ...rows.map((row) => {
      const [view, frame] = Object.entries(row.native.frames).sort((a, b) => b[1][key] - a[1][key])[0];
      return `${fixed(frame[key], key === 'first_cpu' ? 1 : 2)} (${view})`;
    }),
  ]),
];
if (options.browser) {
  const worst = (row, key) => {
    const [view, frame] = Object.entries(row.browser.frames).sort((a, b) => b[1][key] - a[1][key])[0];
    return `${fixed(frame[key], 1)} (${view})`;
  };
  table.push(
    ['browser: navigation to loupe.ready, ms: median (range)', ...rows.map((row) =>
      `${fixed(row.browser.readyMedian)} (${fixed(Math.min(...row.browser.readyRuns))}..${fixed(Math.max(...row.browser.readyRuns))})`)],
    ['browser search p50 / p95, ms', ...rows.map((row) => `${fixed(row.browser.search.p50, 2)} / ${fixed(row.browser.search.p95, 2)}`)],
    ['browser loupe.search() p95, ms (+ state)', ...rows.map((row) => fixed(row.browser.api.p95, 1))],
    ['slowest panel, frame median, ms', ...rows.map((row) => worst(row, 'median'))],
    ['slowest panel, frame p99, ms', ...rows.map((row) => worst(row, 'p99'))],
    ['slowest first frame of a panel, ms', ...rows.map((row) => worst(row, 'worst'))],
    ['wasm memory after every panel, MB', ...rows.map((row) => fixed(row.browser.memory.wasm / MB))],
  );
}
const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
console.log(`\nScale (load average now ${load()}; ${os.cpus().length} CPUs)`);
for (const row of table) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
