// What the browser tests (tests/browser/run.mjs) and the page's benchmarks (tests/bench/*.mjs)
// share: the flags headless Chromium runs with here, and a copy of the built site with another
// corpus. (No Playwright here: each caller imports it from its own node_modules.)
import fs from 'node:fs';
import path from 'node:path';

// Headless, WebGL 2 rendered in software (SwiftShader), nothing fetched beyond the page.
export const chromiumArguments = [
  '--headless',
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Makes `copy` (emptied first) a copy of the site whose corpus.json is `bundle` (either format):
// links, not copies, so that a 200 MB bundle costs nothing. Returns `copy`.
export function siteWithCorpus(site, bundle, copy) {
  fs.rmSync(copy, { recursive: true, force: true });
  fs.mkdirSync(copy, { recursive: true });
  for (const entry of fs.readdirSync(site)) {
    if (entry !== 'corpus.json') fs.symlinkSync(path.resolve(site, entry), path.join(copy, entry));
  }
  fs.symlinkSync(path.resolve(bundle), path.join(copy, 'corpus.json'));
  return copy;
}
