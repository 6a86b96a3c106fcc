// Registers sw.js (offline copy; scripts/post-build.mjs). External: the CSP forbids inline scripts.
// Skipped without service workers (old browsers, plain http, sandboxed frames) and under file:.
(function () {
  try {
    if (location.protocol === 'file:' || !navigator.serviceWorker) return;
    var register = function () {
      navigator.serviceWorker.register('sw.js').catch(function () {});
    };
    if (document.readyState === 'complete') register();
    else addEventListener('load', register, { once: true });
  } catch (e) {} // navigator.serviceWorker can throw in sandboxed frames
})();
