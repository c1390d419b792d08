// Embeds a view of Loupe in any web page with one line:
//   <script src="https://example.org/loupe/embed.js" data-view="#view=money&f=entity%3A%22Mistral%22" async></script>
// (the Embed button in Loupe writes it for the current view). Inserts an iframe of the page in
// embed mode (?embed=1: one view, no chrome, an "Open in Loupe" link) after the script tag, and
// sizes it to the height the view asks for through postMessage. The iframe takes the wheel and
// the keyboard only after a click in it, so the host page scrolls and types as before.
'use strict';

(function () {
  const script = document.currentScript;
  if (!script) return;
  const view = script.getAttribute('data-view') || '';
  const address = new URL('index.html', script.src);
  address.search = '?embed=1';
  address.hash = view.startsWith('#') ? view.slice(1) : view;

  const frame = document.createElement('iframe');
  frame.src = address.href;
  frame.title = script.getAttribute('data-title') || 'Loupe: a view of a news corpus';
  frame.loading = 'lazy';
  frame.style.cssText = 'display:block;width:100%;height:480px;border:1px solid rgba(0,0,0,.12);border-radius:8px;';
  script.insertAdjacentElement('afterend', frame);

  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || event.origin !== address.origin) return;
    const message = event.data;
    if (!message || message.loupe !== 'size' || !Number.isFinite(message.height)) return;
    frame.style.height = `${Math.max(200, Math.min(message.height, 1600))}px`;
  });
})();
