// Loupe's page: checks that the browser can run it, downloads the wasm and the corpus bundle with
// a progress bar, starts the Emscripten module (loupe.js) and exposes `window.loupe`, the API that
// embedders and the browser tests use:
//   loupe.ready            Promise, resolved once the corpus is loaded and the first frame drawn
//   loupe.state()          {documents: [{id, title, words}], query, results: [ids], view, selected, corpus};
//                          documents and results are read when first used (they are long in a
//                          large corpus), the rest at once
//   loupe.search(text)     sets the query; returns the new state
//   loupe.select(docId)    selects a document (throws for an unknown id); returns the new state
//   loupe.show(view)       brings a view to the front: one of state().views (documents,
//                          entities, quotes, money, network, concordance, terms, notebook); throws for an unknown one;
//                          returns the new state
//   loupe.filter(term)     adds a filter chip (a query term such as 'entity:"Meta"' or 'has:quote');
//                          loupe.filter('') clears them; returns the new state
//   loupe.selectEntity(id) shows an entity's card in the entities view (throws for an unknown id)
//   loupe.export(table, format) the current results, entities, quotes or amounts as 'csv' text or
//                          'json' (an object); what the Export button saves
//   loupe.framesDrawn()    frames drawn so far: an idle explorer draws none
//   loupe.frameTimes()     {interface: [ms], render: [ms]} for each of the last 1000 frames drawn
//   loupe.keepDrawing(on)  draws every animation frame (for measuring) or only on change
//   window event 'loupe:change' {detail: {fragment}} whenever the state (query, filters, view,
//                          selection) changes; call loupe.state() for the rest
//   loupe.openFiles(files) reads a reader's own files (File objects, or {name, bytes | text}) in
//                          place of the corpus, extracting entities, quotes and money with the
//                          model fetched on first use; resolves to {report: [lines], state};
//                          rejects when no document could be read. Dropping files on the page
//                          does the same. Files opened while others are being read wait their
//                          turn. The corpus read is kept in this browser (IndexedDB) until
//                          the notebook's "Forget my corpus".
//   loupe.notebook()       the reader's notebook (notes, tags, saved searches) as its file's text,
//                          kept in IndexedDB after every change
//   loupe.importNotebook(text) replaces the notebook with a notebook file's text (throws if refused)
'use strict';

(function () {
  const loadingText = document.getElementById('loading-text');
  const loadingProgress = document.getElementById('loading-progress');

  function fail(message) {
    document.getElementById('failure-text').textContent = message;
    document.getElementById('failure').hidden = false;
    document.getElementById('loading').classList.add('done');
  }

  function missingFeature() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      return 'This browser does not run WebAssembly, which Loupe needs. Try a current version of Firefox, Chrome, Edge or Safari.';
    }
    // (Whether a WebGL 2 context can be made is found when the explorer makes its own: a probe
    // context first took 0.4 s of a software renderer's time.)
    return typeof WebGL2RenderingContext === 'undefined' ? kNoWebGL : null;
  }
  const kNoWebGL = 'This browser cannot draw with WebGL 2, which Loupe needs. It may be turned off, or the graphics driver blocked: ' +
                   'try a current browser, or enable hardware acceleration in its settings.';

  // Downloads a file as the pieces the network delivered (joining them would copy a large corpus
  // once more), reporting received bytes as it goes; or hands each piece to `sink` (take), after
  // telling it the announced length (expect) when the bytes come as they are stored.
  async function downloadPieces(url, onProgress, sink = null) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const total = Number(response.headers.get('Content-Length')) || 0;
    if (sink) announceLength(sink, total, response.headers.get('Content-Encoding'));
    const pieces = [];
    const take = sink ? (piece) => sink.take(piece) : (piece) => pieces.push(piece);
    if (!response.body || !response.body.getReader) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      onProgress(bytes.length, bytes.length);
      take(bytes);
      return pieces;
    }
    const reader = response.body.getReader();
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      take(value);
      received += value.length;
      onProgress(received, Math.max(total, received));
    }
    return pieces;
  }
  // Tells a sink the length of what comes, when it comes as stored (a compressed transfer's
  // Content-Length is not the length of the bytes the sink takes).
  function announceLength(sink, total, encoding) {
    if (!encoding || encoding === 'identity') sink.expect(total);
  }
  // downloadPieces with a sink, run by download-worker.js (whose thread reads the network while
  // this one is busy); on this thread where no worker can start.
  function downloadOffThread(url, onProgress, sink) {
    let worker;
    try {
      worker = new Worker('download-worker.js');
    } catch {
      return downloadPieces(url, onProgress, sink);
    }
    return new Promise((resolve, reject) => {
      let heard = false;
      let received = 0;
      let total = 0;
      worker.onmessage = ({ data }) => {
        heard = true;
        if (data.head) {
          total = data.head.total;
          announceLength(sink, total, data.head.encoding);
        } else if (data.piece) {
          sink.take(data.piece);
          received += data.piece.length;
          onProgress(received, Math.max(total, received));
        } else {
          worker.terminate();
          if (data.done) resolve();
          else reject(new Error(data.error));
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        worker.terminate();
        if (heard) reject(new Error(event.message || `${url} could not be downloaded`));
        else downloadPieces(url, onProgress, sink).then(resolve, reject);  // the worker did not start
      };
      worker.postMessage({ url: new URL(url, location.href).href });
    });
  }
  // The module, compiled by the browser while it downloads (on threads of its own).
  async function compileWasm(url, onProgress) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const total = Number(response.headers.get('Content-Length')) || 0;
    let received = 0;
    const counted = new Response(response.body.pipeThrough(new TransformStream({
      transform(piece, controller) {
        received += piece.length;
        onProgress(received, Math.max(total, received));
        controller.enqueue(piece);
      },
    })), { headers: { 'Content-Type': 'application/wasm' } });
    if (typeof WebAssembly.compileStreaming === 'function') return WebAssembly.compileStreaming(counted);
    return WebAssembly.compile(await counted.arrayBuffer());
  }
  // The shipped corpus as it arrives: kept as the pieces the network delivered until the module
  // runs (intoModule), then put piece by piece into a buffer of the announced length in the
  // module's memory, where the explorer reads a binary bundle as it comes (loupe_bundle_arrived):
  // little is left to do when its last byte arrives.
  function receiveCorpus(url, onProgress) {
    let expected = 0;  // the announced length (0: unknown, or compressed on the way)
    let pointer = 0;   // the buffer in the module's memory, once it runs
    let written = 0;
    let pieces = [];   // what is not in that buffer, in order
    let wanted = false;  // the module runs: a buffer is wanted once the length is known
    const allocate = () => {
      pointer = Module._malloc(expected);
      const early = pieces;
      pieces = [];
      for (const piece of early) copy(piece);
      if (pointer && written) Module._loupe_bundle_arrived(pointer, expected, written);
    };
    const copy = (piece) => {
      if (pointer && pieces.length === 0 && written + piece.length <= expected) {
        Module.HEAPU8.set(piece, pointer + written);
        written += piece.length;
        return true;
      }
      pieces.push(piece);
      return false;
    };
    const put = (piece) => {
      if (copy(piece)) Module._loupe_bundle_arrived(pointer, expected, written);
    };
    const expect = (length) => {
      expected = length;
      if (wanted && expected && !pointer) allocate();
    };
    const arrived = downloadOffThread(url, onProgress, { expect, take: put });
    return {
      arrived,
      bytes: () => written + pieces.reduce((sum, piece) => sum + piece.length, 0),
      discard() {
        pieces = [];
      },
      intoModule() {
        wanted = true;
        if (expected && !pointer) allocate();
      },
      // Once all has arrived: `call(pointer, length)` on the whole corpus in the module's memory,
      // which is freed after (the corpus is then only in the explorer).
      use(call) {
        let whole = pieces;
        if (pointer) {
          if (pieces.length === 0 && written === expected) {
            try {
              return call(pointer, written);
            } finally {
              Module._free(pointer);
              pointer = 0;
            }
          }
          whole = [Module.HEAPU8.slice(pointer, pointer + written), ...pieces];  // longer than announced
          Module._free(pointer);
          pointer = 0;
        }
        pieces = [];
        return withBytes(whole, call);
      },
    };
  }
  function joined(pieces) {
    if (pieces.length === 1) return pieces[0];
    const bytes = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
    let offset = 0;
    for (const piece of pieces) {
      bytes.set(piece, offset);
      offset += piece.length;
    }
    return bytes;
  }
  const download = async (url, onProgress) => joined(await downloadPieces(url, onProgress));

  // At most four times a second: each change repaints the page, and a repaint a frame kept a
  // software renderer's graphics process busy while the corpus arrived.
  let progressShownAt = -Infinity;
  function showProgress(downloads) {
    const now = performance.now();
    let complete = true;
    for (const entry of Object.values(downloads)) complete = complete && entry.total > 0 && entry.received >= entry.total;
    if (now - progressShownAt < 250 && !complete) return;
    progressShownAt = now;
    let received = 0;
    let total = 0;
    for (const entry of Object.values(downloads)) {
      received += entry.received;
      total += entry.total;
    }
    const percent = total > 0 ? Math.min(100, Math.round((received / total) * 100)) : 0;
    loadingProgress.style.width = percent + '%';
    loadingText.textContent = `Loading the explorer and the corpus… ${(received / 1048576).toFixed(1)} MB (${percent}%)`;
  }

  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {});  // a failure is shown on the page; embedders may still await it

  // The state at once; its documents and results (tens of thousands of entries in a large corpus)
  // are read from the explorer when first used, so that search() stays quick.
  function state() {
    const current = JSON.parse(Module.UTF8ToString(Module._loupe_state_json()));
    current.status = Module.UTF8ToString(Module._loupe_status_message());  // the status bar's line
    for (const [name, read] of [['documents', Module._loupe_documents_json], ['results', Module._loupe_results_json]]) {
      let list;
      Object.defineProperty(current, name, { enumerable: true, get: () => (list ??= JSON.parse(Module.UTF8ToString(read()))) });
    }
    return current;
  }

  window.loupe = {
    ready,
    state,
    search(text) {
      Module.ccall('loupe_search', null, ['string'], [String(text)]);
      return state();
    },
    select(documentId) {
      const error = Module.ccall('loupe_select', 'string', ['string'], [String(documentId)]);
      if (error) throw new Error(error);
      return state();
    },
    show(view) {
      const error = Module.ccall('loupe_show', 'string', ['string'], [String(view)]);
      if (error) throw new Error(error);
      return state();
    },
    filter(term) {
      Module.ccall('loupe_filter', null, ['string'], [String(term ?? '')]);
      return state();
    },
    selectEntity(entityId) {
      const error = Module.ccall('loupe_select_entity', 'string', ['string'], [String(entityId)]);
      if (error) throw new Error(error);
      return state();
    },
    openFiles,
    // The notebook's file text (what Export writes), and importing one (it replaces the notebook).
    notebook: () => Module.UTF8ToString(Module._loupe_notebook_json()),
    importNotebook(text) {
      const problem = Module.ccall('loupe_notebook_load', 'string', ['string', 'number'], [String(text), 0]);
      if (problem) throw new Error(problem);
      return state();
    },
    framesDrawn: () => Number(Module._loupe_frames_drawn()),
    frameTimes: () => JSON.parse(Module.UTF8ToString(Module._loupe_frame_times())),
    keepDrawing(on) { Module._loupe_keep_drawing(on ? 1 : 0); },
    export(table, format = 'json') {
      const text = Module.ccall('loupe_export', 'string', ['string', 'string'], [String(table), String(format)]);
      if (!text) throw new Error(`no table "${table}" (tables: results, entities, quotes, amounts)`);
      return format === 'json' ? JSON.parse(text) : text;
    },
  };

  // Copies bytes (or the pieces they were downloaded in, back to back) into the module's memory
  // for the duration of one call.
  function withBytes(bytesOrPieces, call) {
    const pieces = Array.isArray(bytesOrPieces) ? bytesOrPieces : [bytesOrPieces];
    const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
    const pointer = Module._malloc(Math.max(length, 1));
    if (!pointer) throw new Error(`${(length / 1048576).toFixed(1)} MB do not fit in this page's memory`);
    let offset = pointer;
    for (const piece of pieces) {
      Module.HEAPU8.set(piece, offset);
      offset += piece.length;
    }
    try {
      return call(pointer, length);
    } finally {
      Module._free(pointer);
    }
  }

  // The extraction model is only needed for a reader's own files: fetched then, once.
  async function loadExtractionModel(report) {
    try {
      const [model, rates] = await Promise.all([download('entities.model', () => {}), download('exchange_rates.json', () => {})]);
      const error = withBytes(model, (modelPointer, modelLength) =>
        withBytes(rates, (ratesPointer, ratesLength) =>
          Module.UTF8ToString(Module._loupe_model_load(modelPointer, modelLength, ratesPointer, ratesLength))));
      if (error) report.push(`entities, quotes and amounts not extracted: ${error}`);
    } catch (error) {
      report.push(`entities, quotes and amounts not extracted: ${error.message}`);
    }
  }

  // A reader's own files, read and extracted a slice at a time between frames (the page stays
  // responsive), with a progress bar; nothing leaves the machine.
  const yieldToBrowser = () => new Promise((resolve) => setTimeout(resolve, 0));
  const sliceMilliseconds = 30;
  function showFileProgress(text, fraction) {
    const progress = document.getElementById('file-progress');
    progress.hidden = fraction === null;
    document.getElementById('file-progress-text').textContent = text;
    document.getElementById('file-progress-bar').style.width = `${Math.round((fraction ?? 0) * 100)}%`;
  }
  // Calls step() (which returns how many of `total` are done) for a slice of time after each
  // frame, showing the progress before it, until all are done.
  async function inSlices(total, step, showProgressOf) {
    for (let done = 0; done < total;) {
      showProgressOf(done);
      await yieldToBrowser();
      const sliceStart = performance.now();
      while (done < total && performance.now() - sliceStart < sliceMilliseconds) done = step();
    }
  }
  // One reading at a time (the module holds one set of files being read): a second drop waits
  // for the first to be shown.
  let filesOpened = Promise.resolve();
  function openFiles(files) {
    const opening = filesOpened.then(() => openFilesNow(files));
    filesOpened = opening.catch(() => {});
    return opening;
  }
  async function openFilesNow(files) {
    await ready;
    const report = [];
    const list = Array.from(files);
    try {
      Module._loupe_files_begin();
      let sliceStart = performance.now();
      for (const [index, file] of list.entries()) {
        const name = String(file.webkitRelativePath || file.name || 'file.txt');
        const size = (typeof Blob !== 'undefined' && file instanceof Blob) ? file.size : file.blob ? file.blob.size : null;
        if (size !== null && !Module.ccall('loupe_files_admit', 'number', ['string', 'number'], [name, size])) continue;  // too large: never read
        let bytes;
        if (typeof Blob !== 'undefined' && file instanceof Blob) bytes = new Uint8Array(await file.arrayBuffer());
        else if (file.blob) bytes = new Uint8Array(await file.blob.arrayBuffer());
        else if (file.bytes) bytes = new Uint8Array(file.bytes);
        else bytes = new TextEncoder().encode(String(file.text ?? ''));
        withBytes(bytes, (pointer, length) => Module.ccall('loupe_files_add', 'string', ['string', 'number', 'number'], [name, pointer, length]));
        if (performance.now() - sliceStart > sliceMilliseconds) {
          showFileProgress(`Reading your files\u2026 ${index + 1} of ${list.length}`, 0.3 * (index + 1) / list.length);
          await yieldToBrowser();
          sliceStart = performance.now();
        }
      }
      const read = JSON.parse(Module.UTF8ToString(Module._loupe_files_read()));
      if (read.notebooks_only) return { report: read.report, state: state() };  // a notebook imported, the corpus kept
      if (!read.error && Module._loupe_model_needed()) {
        showFileProgress('Fetching the entity model\u2026', 0.3);
        await loadExtractionModel(report);
      }
      // Finding entities a document at a time, merging them, indexing a document at a time, then
      // showing the files and keeping them: a frame drawn between each step or slice.
      if (!read.error) {
        await inSlices(read.documents, () => Module._loupe_files_extract_next(1), (done) =>
          showFileProgress(`Finding entities, quotes and money\u2026 ${done} of ${read.documents} documents`, 0.3 + 0.65 * done / read.documents));
        showFileProgress('Merging entities across the documents\u2026', 0.95);
        await yieldToBrowser();
        Module._loupe_files_extract_finish();
        await inSlices(read.documents, () => Module._loupe_files_index_next(1), (done) =>
          showFileProgress(`Indexing\u2026 ${done} of ${read.documents} documents`, 0.95 + 0.03 * done / read.documents));
        showFileProgress('Showing your files\u2026', 0.98);
        await yieldToBrowser();
      }
      const result = JSON.parse(Module.UTF8ToString(Module._loupe_files_finish()));
      report.unshift(...result.report);
      if (result.error) {
        const error = new Error(result.error);
        error.report = report;
        throw error;
      }
      showFileProgress('Keeping your files in this browser\u2026', 0.99);
      await yieldToBrowser();
      await keepOwnCorpus();
      return { report, state: state() };
    } finally {
      showFileProgress('', null);
    }
  }

  // The system clipboard: navigator.clipboard where the page may use it, else a hidden text area
  // and the copy command.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).catch(() => copyWithTextArea(text));
    } else {
      copyWithTextArea(text);
    }
  }
  function copyWithTextArea(text) {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try { document.execCommand('copy'); } catch (error) { console.warn(`Could not copy: ${error.message}`); }
    area.remove();
    document.getElementById('canvas').focus();
  }

  // An export: the bytes as a download (nothing leaves the machine).
  function downloadFile(name, bytes) {
    const type = name.endsWith('.csv') ? 'text/csv;charset=utf-8' : 'application/json';
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  // Open files: the browser's file chooser; the files chosen replace the corpus.
  function chooseFiles() {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.accept = '.txt,.md,.markdown,.html,.htm,.json,.jsonl,text/plain,text/html,application/json';
    input.addEventListener('change', () => {
      if (input.files && input.files.length > 0) openDroppedOrChosen(input.files);
    });
    input.click();
  }
  // The files under dropped folders (and dropped files), as {name: path, blob}.
  async function filesInEntries(entries) {
    const files = [];
    const walk = async (entry) => {
      if (entry.isFile) {
        files.push({ name: entry.fullPath.replace(/^\//, ''), blob: await new Promise((resolve, reject) => entry.file(resolve, reject)) });
        return;
      }
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child);
      }
    };
    for (const entry of entries) await walk(entry);
    return files;
  }
  function openDroppedOrChosen(files) {
    openFiles(files).then(
      ({ report }) => console.info(report.join('\n')),
      (error) => console.warn(`${error.message}\n${(error.report || []).join('\n')}`));
  }

  // The canvas takes the keyboard and the wheel only while it is the reader's focus: never while
  // the text view is open (its links and buttons keep Tab and Enter), and, embedded in another
  // page, only after a click in it (the host page scrolls past it and keeps its keys). These
  // listeners run before Emscripten's GLFW ones, which are added later.
  function takeInputOnlyWithFocus(canvas, embedded) {
    const textView = document.getElementById('text-view');
    const bridge = document.getElementById('keyboard-bridge');
    const explorerHasInput = () => textView.hidden && (document.activeElement === canvas || document.activeElement === bridge ||
      (!embedded && document.activeElement === document.body));
    for (const type of ['keydown', 'keyup', 'keypress']) {
      window.addEventListener(type, (event) => {
        if (!explorerHasInput()) event.stopImmediatePropagation();
      }, { capture: true });
    }
    // The wheel scrolls through loupe_scroll (pixels made wheel steps), not through GLFW.
    const pixelsPerUnit = [1, 16, 400];  // deltaMode: pixels, lines, pages
    window.addEventListener('wheel', (event) => {
      if (event.target !== canvas) return;
      event.stopImmediatePropagation();
      if (!explorerHasInput()) return;  // the host page scrolls
      event.preventDefault();
      const unit = pixelsPerUnit[event.deltaMode] ?? 1;
      Module.ccall('loupe_scroll', null, ['number', 'number'], [event.deltaX * unit, event.deltaY * unit]);
    }, { capture: true, passive: false });
    canvas.addEventListener('pointerdown', () => canvas.focus());
  }

  // Touches reach GLFW (and ImGui) as the mouse, one step per animation frame: the finger's place,
  // then the press, then the release. A quick tap is otherwise down and up before ImGui's next
  // frame, which then misses it (Dear ImGui 1.86 reads the button's state once per frame).
  // What a touch means: a tap is a click; a drag scrolls what is under the finger, as a wheel
  // would, and presses nothing; a finger held still for half a second presses the button, and a
  // drag after that is a mouse drag (selecting text, moving a node of the network).
  function paceTouchesByFrames(canvas, onTouchEnd) {
    const tapDistance = 10;  // CSS pixels a tap may wander
    const holdMilliseconds = 500;
    let queue = Promise.resolve();
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const send = (type, touch) => {
      const init = { bubbles: true, cancelable: true, clientX: touch.clientX, clientY: touch.clientY, screenX: touch.screenX,
        screenY: touch.screenY, button: 0, buttons: type === 'mouseup' ? 0 : 1 };
      queue = queue.then(nextFrame).then(() => canvas.dispatchEvent(new MouseEvent(type, init)));
    };
    let start = null;       // where the finger came down
    let lastTouch = null;
    let scrolling = false;  // the finger has moved: a scroll, not a tap
    let pressed = false;    // held still long enough: the button is down
    let holdTimer = 0;
    const handlers = {
      touchstart: (touch) => {
        start = lastTouch = touch;
        scrolling = pressed = false;
        send('mousemove', touch);
        clearTimeout(holdTimer);
        holdTimer = setTimeout(() => {
          if (scrolling || !start) return;
          pressed = true;
          send('mousedown', lastTouch);
        }, holdMilliseconds);
      },
      touchmove: (touch) => {
        if (!start) return;
        if (!pressed && !scrolling && Math.hypot(touch.clientX - start.clientX, touch.clientY - start.clientY) > tapDistance) {
          scrolling = true;
          clearTimeout(holdTimer);
        }
        if (scrolling) {
          Module.ccall('loupe_scroll', null, ['number', 'number'], [lastTouch.clientX - touch.clientX, lastTouch.clientY - touch.clientY]);
        }
        lastTouch = touch;
        send('mousemove', touch);
      },
      touchend: (touch) => {
        clearTimeout(holdTimer);
        if (!start) return;
        if (pressed) send('mouseup', touch);
        else if (!scrolling) { send('mousedown', touch); send('mouseup', touch); }
        start = null;
        onTouchEnd();  // inside the tap, where a page may bring up the keyboard
      },
    };
    handlers.touchcancel = handlers.touchend;
    for (const [type, handle] of Object.entries(handlers)) {
      window.addEventListener(type, (event) => {
        if (event.target !== canvas || event.changedTouches.length === 0) return;
        event.stopImmediatePropagation();  // GLFW's own touch handling is left out
        event.preventDefault();  // and so are the browser's emulated mouse events
        handle(event.changedTouches[0]);
      }, { capture: true, passive: false });
    }
  }

  // The on-screen keyboard of a touch screen: when a text field in the canvas takes the keyboard
  // after a tap, a hidden input is focused (inside the tap's touchend, which lets the keyboard
  // come up); what is typed there goes to ImGui as text, a deletion as Backspace, and editing
  // keys (Enter, Backspace, arrows) as keys held for a frame.
  function bridgeTouchKeyboard(canvas) {
    const bridge = document.getElementById('keyboard-bridge');
    const sentinel = ' ';  // so that Backspace in an empty field still gives an input event
    let textWanted = false;
    let lastTapEnded = -Infinity;
    const focusBridge = () => {
      bridge.value = sentinel;
      bridge.focus();
    };
    const onTextInput = (wanted) => {
      textWanted = wanted;
      if (!wanted && document.activeElement === bridge) canvas.focus();
      // A quick tap ends before ImGui has seen it: the field becomes active just after, still
      // within the tap's user activation (about 5 s in Chrome: enough for Android's keyboard;
      // iOS wants a second tap), however slow the frame.
      if (wanted && performance.now() - lastTapEnded < 4000) focusBridge();
    };
    const onTouchEnd = () => {
      lastTapEnded = performance.now();
      if (textWanted) focusBridge();  // the tap has reached ImGui already: a text field is active
    };
    // Keys pressed while the bridge has the focus: editing keys are held for one frame (a tap on
    // an on-screen key is down and up at once, quicker than a frame); the rest give text through
    // the input event. GLFW sees none of them (this listener runs before its own).
    const editingKeys = { Backspace: 259, Enter: 257, Delete: 261, ArrowLeft: 263, ArrowRight: 262, ArrowUp: 265,
      ArrowDown: 264, Home: 268, End: 269, Escape: 256, Tab: 258 };
    for (const type of ['keydown', 'keyup', 'keypress']) {
      window.addEventListener(type, (event) => {
        if (document.activeElement !== bridge) return;
        event.stopImmediatePropagation();
        if (type === 'keydown' && editingKeys[event.key] !== undefined) {
          event.preventDefault();
          Module.ccall('loupe_press_key', null, ['number'], [editingKeys[event.key]]);
        }
      }, { capture: true });
    }
    bridge.addEventListener('input', (event) => {
      if (event.inputType && event.inputType.startsWith('delete')) {
        Module.ccall('loupe_press_key', null, ['number'], [259]);  // a keyboard that sends no key event
      } else {
        const typed = bridge.value.startsWith(sentinel) ? bridge.value.slice(sentinel.length) : bridge.value;
        if (typed) Module.ccall('loupe_type_text', null, ['string'], [typed]);
      }
      bridge.value = sentinel;
    });
    return { onTextInput, onTouchEnd };
  }

  // The text view: what the explorer shows, as plain HTML (always set as text, never as markup).
  function exported(table) {
    return JSON.parse(Module.ccall('loupe_export', 'string', ['string', 'string'], [table, 'json']))[table];
  }
  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function formatUsd(value) {
    if (value === null || value === undefined) return 'no US dollar value';
    return `US$${Number(value).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
  }
  function showTextView() {
    const current = state();
    const titles = new Map(current.documents.map((document) => [document.id, document.title]));
    document.getElementById('text-view-title').textContent = `Loupe: ${current.corpus}`;
    const filters = current.filters.length ? `, filtered by ${current.filters.join(', ')}` : '';
    document.getElementById('text-view-summary').textContent =
      `${current.total} of ${current.documents.length} documents match ${current.query ? `“${current.query}”` : 'an empty search'}${filters}.`;
    const results = document.getElementById('text-view-results');
    results.replaceChildren(...exported('results').map((row) => {
      const item = element('li');
      item.append(element('strong', row.title), element('div', `${row.id} · ${row.words} words`, 'meta'), element('p', row.passage));
      return item;
    }));
    const quotes = document.getElementById('text-view-quotes');
    quotes.replaceChildren(...exported('quotes').map((row) => {
      const item = element('li');
      const who = [row.speaker || 'Unknown speaker', row.role].filter(Boolean).join(', ');
      item.append(element('blockquote', `“${row.quote}”`), element('div', `— ${who} (${titles.get(row.document) || row.document})`, 'meta'));
      return item;
    }));
    const amounts = document.getElementById('text-view-amounts');
    amounts.replaceChildren(...exported('amounts').map((row) => {
      const item = element('li');
      const usd = row.usd_minimum === row.usd_maximum ? formatUsd(row.usd_minimum) : `${formatUsd(row.usd_minimum)} to ${formatUsd(row.usd_maximum)}`;
      item.append(element('strong', row.as_written), document.createTextNode(` (${usd})`),
        element('div', `${row.subject || 'no subject'} · ${titles.get(row.document) || row.document}`, 'meta'));
      return item;
    }));
    document.getElementById('text-view').hidden = false;
    document.getElementById('text-view-close').focus();
  }
  function hideTextView() {
    document.getElementById('text-view').hidden = true;
    document.getElementById('canvas').focus();
  }

  // A bundle (its bytes, or the pieces they were downloaded in) loaded into the explorer.
  function loadBundle(bytesOrPieces) {
    loadBundleWith((call) => withBytes(bytesOrPieces, call));
  }
  // `use(call)` calls `call(pointer, length)` with the bundle in the module's memory.
  function loadBundleWith(use) {
    const error = use((pointer, length) => Module.UTF8ToString(Module._loupe_load_bundle(pointer, length)));
    if (error) throw new Error(error);
  }

  // The view lives in the URL's fragment (core/location.h): a link or a reload restores it, and
  // Back and Forward move through it. Typing a query replaces the history entry; anything else
  // (a view, a document, a filter) adds one.
  let publishedFragment = null;
  function restoreLocation() {
    const problems = Module.ccall('loupe_set_location', 'string', ['string'], [location.hash.slice(1)]);
    if (problems) console.warn(`The link's view could not be fully restored: ${problems}`);
  }
  function withoutQuery(fragment) {
    const parameters = new URLSearchParams(fragment);
    parameters.delete('q');
    return parameters.toString();
  }
  function publishLocation(fragment) {
    const url = fragment ? `#${fragment}` : `${location.pathname}${location.search}`;
    const typing = publishedFragment !== null && withoutQuery(fragment) === withoutQuery(publishedFragment);
    if (publishedFragment === null || typing || `#${fragment}` === location.hash) {
      history.replaceState(null, '', url);
    } else {
      history.pushState(null, '', url);
    }
    publishedFragment = fragment;
  }
  window.addEventListener('popstate', () => {
    publishedFragment = location.hash.slice(1);
    restoreLocation();
  });

  // The reader's work, kept in this browser's IndexedDB (database "loupe", store "kept"): the
  // notebook (notes, tags, saved searches) under "notebook", and the corpus built from their own
  // files under "corpus". Each write is one transaction: one that fails (storage full, a private
  // window) changes nothing, and the reader is told.
  const keeper = (() => {
    let opened = null;
    const database = () => {
      if (!opened) {
        opened = new Promise((resolve, reject) => {
          if (!window.indexedDB) throw new Error('this browser has no IndexedDB');
          const request = indexedDB.open('loupe', 1);
          request.onupgradeneeded = () => request.result.createObjectStore('kept');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
          request.onblocked = () => reject(new Error('the storage is held by another tab'));
        });
        opened.catch(() => { opened = null; });
      }
      return opened;
    };
    const transaction = async (mode, work) => {
      const store = (await database()).transaction('kept', mode);
      const request = work(store.objectStore('kept'));
      return new Promise((resolve, reject) => {
        store.oncomplete = () => resolve(request.result);
        store.onerror = () => reject(store.error || request.error);
        store.onabort = () => reject(store.error || request.error || new Error('the write was abandoned'));
      });
    };
    return {
      get: (key) => transaction('readonly', (store) => store.get(key)),
      put: (key, value) => transaction('readwrite', (store) => store.put(value, key)),
      remove: (key) => transaction('readwrite', (store) => store.delete(key)),
    };
  })();
  const storageProblem = (error) => `${error && error.name ? error.name : 'Error'}: ${error && error.message ? error.message : error}`;
  function keepNotebook(text) {
    keeper.put('notebook', text).then(
      () => Module.ccall('loupe_storage_result', null, ['number', 'string'], [1, 'Your notebook is kept in this browser']),
      (error) => Module.ccall('loupe_storage_result', null, ['number', 'string'],
        [0, `Could not keep your notebook in this browser (${storageProblem(error)}); what was kept before is unchanged. Export it to keep a copy.`]));
  }
  async function keepOwnCorpus() {
    const length = Module._malloc(4);
    try {
      const pointer = Module._loupe_corpus_bundle(length);
      const bytes = Module.HEAPU8.slice(pointer, pointer + Module.HEAP32[length >> 2]);
      await keeper.put('corpus', bytes);
      Module._loupe_set_own_corpus_kept(1);
    } catch (error) {
      Module.ccall('loupe_storage_result', null, ['number', 'string'],
        [0, `Could not keep your corpus in this browser (${storageProblem(error)}): it will be gone after a reload`]);
    } finally {
      Module._free(length);
    }
  }

  async function start() {
    // The downloads start first: the feature check creates a WebGL context, which takes a while in
    // a software renderer, and the network works meanwhile.
    const downloads = { wasm: { received: 0, total: 0 }, corpus: { received: 0, total: 0 } };
    const track = (name) => (received, total) => {
      downloads[name] = { received, total };
      showProgress(downloads);
    };
    const wasmCompiled = compileWasm('loupe.wasm', track('wasm'));
    // The corpus goes on arriving while the explorer starts (a large one takes longer than the start).
    const corpus = receiveCorpus('corpus.json', track('corpus'));
    for (const pending of [wasmCompiled, corpus.arrived]) pending.catch(() => {});  // reported below, once the browser is known to be able to run it
    const problem = missingFeature();
    if (problem) {
      fail(problem);
      rejectReady(new Error(problem));
      return;
    }
    // What this browser kept: a notebook, a corpus from the reader's own files.
    const kept = Promise.all([keeper.get('notebook'), keeper.get('corpus')])
      .catch((error) => { console.warn(`Nothing kept could be read: ${error.message}`); return [null, null]; });
    const [wasmModule, [keptNotebook, keptCorpus]] = await Promise.all([wasmCompiled, kept]);

    const canvas = document.getElementById('canvas');
    canvas.addEventListener('contextmenu', (event) => event.preventDefault());
    const embedded = new URLSearchParams(location.search).get('embed') === '1';
    takeInputOnlyWithFocus(canvas, embedded);
    const keyboardBridge = bridgeTouchKeyboard(canvas);  // its key listeners must come before GLFW's
    paceTouchesByFrames(canvas, keyboardBridge.onTouchEnd);
    // A paste: the browser hands the clipboard's text to the page only in this event; ImGui's
    // Ctrl+V reads it from here (platform_web.cpp).
    document.addEventListener('paste', (event) => {
      window.Module.loupePastedText = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
    }, true);
    // Files dropped on the page replace the corpus.
    window.addEventListener('dragover', (event) => event.preventDefault());
    window.addEventListener('drop', (event) => {
      event.preventDefault();
      if (!event.dataTransfer || event.dataTransfer.files.length === 0) return;
      // Folders: their entries are taken now (they expire with the event), walked after.
      const entries = Array.from(event.dataTransfer.items || [])
        .map((item) => (item.webkitGetAsEntry ? item.webkitGetAsEntry() : null)).filter(Boolean);
      if (entries.some((entry) => entry.isDirectory)) {
        filesInEntries(entries).then(openDroppedOrChosen, (error) => console.warn(`The folder could not be read: ${error.message}`));
      } else {
        openDroppedOrChosen(event.dataTransfer.files);
      }
    });
    window.Module = {
      canvas,
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(wasmModule, imports).then((instance) => receive(instance, wasmModule), (error) => {
          fail(`Loupe could not start: ${error.message}`);
          rejectReady(error);
        });
        return {};
      },
      // The explorer runs (it draws no frame under the loading indicator: platform::loading_is_covered)
      // and takes its corpus when it is there: the one kept in this browser, else the shipped one once
      // arrived.
      async onRuntimeInitialized() {
        try {
          let ownCorpusLoaded = false;
          if (keptCorpus) {
            try {
              loadBundle(new Uint8Array(keptCorpus));
              ownCorpusLoaded = true;
              corpus.arrived.then(corpus.discard, () => {});  // the shipped one is not needed
              Module._loupe_set_own_corpus_kept(1);
            } catch (error) {
              console.warn(`The corpus kept in this browser could not be loaded: ${error.message}`);
            }
          }
          if (!ownCorpusLoaded) {
            corpus.intoModule();
            await corpus.arrived;
            const megabytes = corpus.bytes() / 1048576;
            if (megabytes > 16) {  // a large corpus takes a second or more to open: say so before
              loadingText.textContent = `Opening the corpus (${megabytes.toFixed(0)} MB)\u2026`;
              await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
            }
            loadBundleWith(corpus.use);
          }
          if (typeof keptNotebook === 'string') {
            const problem = Module.ccall('loupe_notebook_load', 'string', ['string', 'number'], [keptNotebook, 1]);
            if (problem) Module.ccall('loupe_storage_result', null, ['number', 'string'], [0, `The notebook kept in this browser could not be read (${problem})`]);
          }
          restoreLocation();
        } catch (error) {
          fail(`Loupe could not load: ${error.message}`);
          rejectReady(error);
        }
      },
      onLoupeLocation(fragment) {
        if (!embedded) publishLocation(fragment);
        // The state changed (the view's fragment did): tell the host page.
        window.dispatchEvent(new CustomEvent('loupe:change', { detail: { fragment } }));
      },
      onLoupeCopy: copyText,
      onLoupeKeepNotebook: keepNotebook,
      // The shipped corpus comes back once the kept one is gone from the browser (a reload right
      // after must not find it), fetched again (from the browser's cache, as a rule).
      onLoupeForgetCorpus() {
        keeper.remove('corpus').then(
          () => downloadPieces('corpus.json', () => {}).then((pieces) => {
            loadBundle(pieces);
            Module._loupe_set_own_corpus_kept(0);
          }).catch((error) => Module.ccall('loupe_storage_result', null, ['number', 'string'], [0, `The shipped corpus could not be loaded: ${error.message}`])),
          (error) => Module.ccall('loupe_storage_result', null, ['number', 'string'],
            [0, `Could not forget your corpus in this browser (${storageProblem(error)}); it is still the one kept`]));
      },
      onLoupeTextInput: keyboardBridge.onTextInput,
      onLoupeDownload: downloadFile,
      onLoupeChooseFiles: chooseFiles,
      onLoupeOpenInNewTab(fragment) {
        const address = `${location.origin}${location.pathname}${fragment ? `#${fragment}` : ''}`;
        window.open(address, '_blank', 'noopener');
      },
      onLoupeContentHeight(height) {
        if (embedded && window.parent !== window) window.parent.postMessage({ loupe: 'size', height: Math.ceil(height) }, '*');
      },
      onLoupeReady() {
        document.getElementById('loading').classList.add('done');
        const textViewLink = document.getElementById('text-view-link');
        textViewLink.hidden = embedded;
        textViewLink.addEventListener('click', (event) => { event.preventDefault(); showTextView(); });
        document.getElementById('text-view-close').addEventListener('click', hideTextView);
        if (!embedded) canvas.focus();  // an embedded view waits for a click: the host page keeps the keyboard
        resolveReady(window.loupe);
      },
      onLoupeFailed(message) {
        const webgl = Boolean(document.createElement('canvas').getContext('webgl2'));
        fail(webgl ? `Loupe could not start: ${message}` : kNoWebGL);
        rejectReady(new Error(message));
      },
      onAbort(reason) {
        fail(`Loupe stopped with an error: ${reason}`);
        rejectReady(new Error(String(reason)));
      },
    };
    const script = document.createElement('script');
    script.src = 'loupe.js';
    script.onerror = () => {
      fail('loupe.js could not be loaded.');
      rejectReady(new Error('loupe.js could not be loaded'));
    };
    document.body.appendChild(script);
  }

  start().catch((error) => {
    fail(`Loupe could not load: ${error.message}`);
    rejectReady(error);
  });
})();
