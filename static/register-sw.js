// Registers sw.js (offline copy; scripts/post-build.mjs). External: the CSP forbids inline scripts.
// Skipped without service workers (old browsers, plain http, sandboxed frames) and under file:.
// Waits until the widget has started, so the precache download does not compete with it.
(function () {
  try {
    if (location.protocol === 'file:' || !navigator.serviceWorker) return;
    var done = false;
    var register = function () {
      if (done) return;
      done = true;
      navigator.serviceWorker.register('sw.js').catch(function () {});
    };
    var later = function (ms) {
      return function () { setTimeout(register, ms); };
    };
    addEventListener('TrunkApplicationStarted', later(1000), { once: true });
    // Should the widget never start, the page still gets its offline copy.
    if (document.readyState === 'complete') later(5000)();
    else addEventListener('load', later(5000), { once: true });
  } catch (e) {} // navigator.serviceWorker can throw in sandboxed frames
})();
