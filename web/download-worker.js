// Downloads a file off the page's main thread and posts it back piece by piece as it arrives:
// while the main thread starts the explorer (WebGL, the WebAssembly module, the first frames) it
// cannot read the network's pieces, and a large corpus would wait for it. Pieces are transferred,
// not copied. Messages: {head: {total, encoding}}, {piece}, {done: true}, {error: message}.
'use strict';
self.onmessage = async (event) => {
  const { url } = event.data;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    self.postMessage({ head: { total: Number(response.headers.get('Content-Length')) || 0, encoding: response.headers.get('Content-Encoding') } });
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const whole = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength;  // else shared: copied
      self.postMessage({ piece: value }, whole ? [value.buffer] : []);
    }
    self.postMessage({ done: true });
  } catch (error) {
    self.postMessage({ error: error && error.message ? error.message : String(error) });
  }
};
