// Where the page's time goes from navigation to loupe.ready (numbers, not a test): the page's
// main thread sampled by Chromium's profiler (its own self time per function, and what it did in
// each quarter second), and the CPU time of each Chromium process and of this node process
// (which serves the page). On a machine of two cores every process competes with the main thread,
// so both views matter.
//   node tests/bench/page-profile.mjs BUNDLE [--site DIR] [--top N]
// The page is build/web/site (or DIR) with BUNDLE as its corpus.json. WebAssembly functions are
// named when the page was linked with them:
//   cmake --preset web -DLOUPE_FUNCTION_NAMES=ON && cmake --build --preset web
// (and without them after: cmake --preset web -DLOUPE_FUNCTION_NAMES=OFF).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '../browser/node_modules/playwright-core/index.mjs';
import { startServer } from '../../scripts/lib/serve.mjs';
import { chromiumArguments, siteWithCorpus } from '../../scripts/lib/page-harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
let site = path.join(root, 'build/web/site');
let top = 25;
let bundle = null;
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--site') site = path.resolve(args[++i]);
  else if (args[i] === '--top') top = Number(args[++i]);
  else if (!bundle && !args[i].startsWith('--')) bundle = path.resolve(args[i]);
  else bundle = null;
}
if (!bundle) {
  console.error('usage: node tests/bench/page-profile.mjs BUNDLE [--site DIR] [--top N]');
  process.exit(2);
}

const copy = siteWithCorpus(site, bundle, fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-profile-site-')));

// CPU milliseconds of each Chromium process, by its --type (and utility sub-type).
function chromiumCpu() {
  const byType = {};
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let commandLine;
    let stat;
    try {
      commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;  // gone meanwhile
    }
    if (!commandLine.includes('chromium')) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const type = (commandLine.match(/--type=([\w-]+)/) || [null, 'browser'])[1] +
      (commandLine.match(/--utility-sub-type=([\w.]+)/) ? `:${commandLine.match(/--utility-sub-type=([\w.]+)/)[1]}` : '');
    byType[type] = (byType[type] || 0) + (Number(fields[11]) + Number(fields[12])) * (1000 / 100);  // clock ticks of 10 ms
  }
  return byType;
}

const server = await startServer(copy, 0, '127.0.0.1');
const profileDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-profile-'));
const context = await chromium.launchPersistentContext(profileDirectory, {
  executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1280, height: 800 },
  args: chromiumArguments,
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  const session = await context.newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  const cpuBefore = chromiumCpu();
  const nodeBefore = process.cpuUsage();
  const started = performance.now();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => Boolean(window.loupe?.ready), null, { timeout: 600_000 });
  await page.evaluate(() => window.loupe.ready.then(() => undefined));
  const ready = performance.now() - started;
  const { profile } = await session.send('Profiler.stop');
  const nodeCpu = process.cpuUsage(nodeBefore);
  const cpuAfter = chromiumCpu();
  const frames = await page.evaluate(() => window.Module._loupe_frames_drawn());
  console.log(`navigation to loupe.ready: ${ready.toFixed(0)} ms; frames drawn by then: ${frames}`);

  console.log('CPU time from navigation to ready, ms:');
  for (const [type, milliseconds] of Object.entries(cpuAfter)) console.log(`  chromium ${type.padEnd(40)} ${(milliseconds - (cpuBefore[type] || 0)).toFixed(0).padStart(6)}`);
  console.log(`  node (this process: the server, the driver)   ${((nodeCpu.user + nodeCpu.system) / 1000).toFixed(0).padStart(6)}`);

  // Self time per function, from the samples (each sample's time is the gap to the next).
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const name = (id) => {
    const frame = nodes.get(id).callFrame;
    return frame.functionName || `(${frame.url.split('/').pop() || 'native'})`;
  };
  const selfTime = new Map();
  const buckets = [];
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i += 1) {
    at += profile.timeDeltas[i];
    const spent = profile.timeDeltas[i + 1] ?? 0;
    const key = name(profile.samples[i]);
    selfTime.set(key, (selfTime.get(key) || 0) + spent);
    const bucket = Math.floor((at - profile.startTime) / 250_000);
    buckets[bucket] ??= new Map();
    buckets[bucket].set(key, (buckets[bucket].get(key) || 0) + spent);
  }
  const short = (text) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);
  console.log(`the main thread's self time, ms (the ${top} largest):`);
  for (const [key, microseconds] of [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${(microseconds / 1000).toFixed(0).padStart(6)}  ${short(key)}`);
  }
  console.log('the main thread, quarter second by quarter second (ms from the profile\'s start: the three largest, ms):');
  buckets.forEach((bucket, index) => {
    const largest = [...(bucket ?? new Map())].sort((a, b) => b[1] - a[1]).slice(0, 3);
    console.log(`  ${String(index * 250).padStart(6)}  ${largest.map(([key, microseconds]) => `${short(key).slice(0, 40)} ${(microseconds / 1000).toFixed(0)}`).join(' | ')}`);
  });
} finally {
  await context.close();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(profileDirectory, { recursive: true, force: true });
  fs.rmSync(copy, { recursive: true, force: true });
}
