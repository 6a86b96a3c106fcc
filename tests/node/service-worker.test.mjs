// The service worker that scripts/post-build.mjs writes (sw.js), run in a
// fake worker scope: caches, fetch and the 5 s timer are under the test's control.
// Run with: node --test tests/node/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { postBuild, stage } from './fixture.mjs';

const ORIGIN = 'https://widget.example.gov.cn';

function builtWorker() {
  const dir = stage();
  const run = postBuild(dir);
  assert.ok(run.ok, run.stderr);
  return readFileSync(join(dir, 'sw.js'), 'utf8');
}
const SOURCE = builtWorker();
const CACHE = /const CACHE ?= ?"([^"]+)"/.exec(SOURCE)[1];

const withoutSearch = (url) => url.replace(/[?#].*$/, '');

/** A CacheStorage with one Map per cache: url → [status, body]. */
function fakeCaches() {
  const stores = new Map();
  const open = async (name) => {
    if (!stores.has(name)) stores.set(name, new Map());
    const store = stores.get(name);
    const urlOf = (req) => new URL(typeof req === 'string' ? req : req.url, ORIGIN).href;
    return {
      async match(req, options = {}) {
        const want = options.ignoreSearch ? withoutSearch(urlOf(req)) : urlOf(req);
        for (const [url, [status, body]] of store) {
          if ((options.ignoreSearch ? withoutSearch(url) : url) === want) return new Response(body, { status });
        }
        return undefined;
      },
      async put(req, response) {
        store.set(urlOf(req), [response.status, await response.text()]);
      },
    };
  };
  return { open, keys: async () => [...stores.keys()], delete: async (name) => stores.delete(name), stores };
}

/** sw.js in a fake worker scope. `network(request)` answers its fetches. */
function worker(network) {
  const listeners = {};
  const timers = new Set();
  const caches = fakeCaches();
  const scope = {
    location: new URL(`${ORIGIN}/sw.js`),
    addEventListener: (type, fn) => (listeners[type] = fn),
    skipWaiting: () => Promise.resolve(),
    clients: { claim: () => Promise.resolve() },
  };
  runInNewContext(SOURCE, {
    self: scope,
    caches,
    fetch: (request) => network(request),
    setTimeout: (fn) => {
      timers.add(fn);
      return fn;
    },
    clearTimeout: (t) => timers.delete(t),
    URL,
    Request,
    Response,
    Promise,
  });
  return {
    caches,
    async seed(path, body, status = 200) {
      await (await caches.open(CACHE)).put(`${ORIGIN}${path}`, new Response(body, { status }));
    },
    async cached(path) {
      return (await caches.open(CACHE)).match(`${ORIGIN}${path}`).then((r) => r && r.text());
    },
    /** A GET of `path` (a page navigation unless `mode` says otherwise): { reply, done }. */
    fetch(path, mode = 'navigate') {
      let reply;
      const extended = [];
      const event = {
        request: { url: `${ORIGIN}${path}`, method: 'GET', mode },
        respondWith: (p) => (reply = Promise.resolve(p)),
        waitUntil: (p) => extended.push(p),
      };
      listeners.fetch(event);
      if (!reply) return { reply: undefined, done: Promise.resolve() };
      // `done`: the reply and whatever the worker still does after it (waitUntil).
      const done = reply.catch(() => {}).then(() => Promise.all(extended));
      return { reply, done };
    },
    dispatch: (event) => listeners.fetch(event),
    /** The 5 s network timeout runs out. */
    timeout() {
      for (const fn of [...timers]) fn();
      timers.clear();
    },
  };
}

function deferred() {
  let resolve, reject;
  const promise = new Promise((a, b) => ((resolve = a), (reject = b)));
  return { promise, resolve, reject };
}
const offline = () => Promise.reject(new TypeError('Failed to fetch'));
const text = async (reply) => {
  const r = await reply;
  return `${r.status} ${await r.text()}`;
};

test('a page the network answers late: the cached copy now, the late reply next time', async () => {
  const replies = [deferred(), deferred()]; // the network is slow both times
  let calls = 0;
  const sw = worker(() => replies[calls++].promise);
  await sw.seed('/', 'old build');
  await sw.seed('/index.html', 'old build');

  const first = sw.fetch('/');
  sw.timeout();
  assert.equal(await text(first.reply), '200 old build');
  replies[0].resolve(new Response('new build')); // after the timeout
  await first.done;

  const second = sw.fetch('/');
  sw.timeout();
  assert.equal(await text(second.reply), '200 new build');
  assert.equal(calls, 2);
});

test('a page the network answers in time is kept for offline use', async () => {
  const sw = worker(async () => new Response('new build'));
  await sw.seed('/', 'old build');
  const r = sw.fetch('/?embed=1&j=town');
  assert.equal(await text(r.reply), '200 new build');
  await r.done;
  assert.equal(await sw.cached('/'), 'new build');
});

test('an error reply (a deploy in progress) neither beats nor replaces the cached copy', async () => {
  for (const status of [404, 500, 503]) {
    const sw = worker(async () => new Response('deploying', { status }));
    await sw.seed('/', 'good build');
    await sw.seed('/plan.html', 'good plan');
    const page = sw.fetch('/');
    assert.equal(await text(page.reply), '200 good build', `HTTP ${status}`);
    const plan = sw.fetch('/plan.html');
    assert.equal(await text(plan.reply), '200 good plan', `HTTP ${status}`);
    await Promise.all([page.done, plan.done]);
    assert.equal(await sw.cached('/'), 'good build');
    assert.equal(await sw.cached('/plan.html'), 'good plan');
  }
});

test('an error reply for something never cached is passed on as it is', async () => {
  const sw = worker(async () => new Response('not found', { status: 404 }));
  assert.equal(await text(sw.fetch('/missing.txt', 'cors').reply), '404 not found');
});

test('offline, the widget’s own pages open from the cache, with any query', async () => {
  const sw = worker(offline);
  await sw.seed('/', 'widget');
  await sw.seed('/index.html', 'widget');
  await sw.seed('/plan.html', 'plan');
  for (const path of ['/', '/?embed=1&j=town', '/index.html', '/index.html?lang=en']) {
    assert.equal(await text(sw.fetch(path).reply), '200 widget', path);
  }
  assert.equal(await text(sw.fetch('/plan.html').reply), '200 plan');
});

test('offline, another page under the same address does not get the widget', async () => {
  const sw = worker(offline);
  await sw.seed('/', 'widget');
  await sw.seed('/index.html', 'widget');
  for (const path of ['/news/2024.html', '/plan2.html', '/index.html/x']) {
    // A network error, as without the worker; never the widget's page.
    const got = await sw.fetch(path).reply.then((r) => text(r), () => 'network error');
    assert.equal(got, 'network error', path);
  }
});

test('hashed assets come from the cache first', async () => {
  let asked = 0;
  const sw = worker(async () => {
    asked++;
    return new Response('from network');
  });
  await sw.seed('/app-1a2b3c4d5e6f7a8b_bg.wasm', 'cached wasm');
  assert.equal(await text(sw.fetch('/app-1a2b3c4d5e6f7a8b_bg.wasm', 'cors').reply), '200 cached wasm');
  assert.equal(asked, 0);
});

test('requests for other origins, and other than GET, are left to the browser', () => {
  const sw = worker(offline);
  assert.equal(sw.fetch('/', 'navigate').reply === undefined, false, 'its own pages are answered');
  let answered = false;
  const event = (url, method) => ({ request: { url, method, mode: 'cors' }, respondWith: () => (answered = true), waitUntil() {} });
  sw.dispatch(event('https://other.example/x.js', 'GET'));
  sw.dispatch(event(`${ORIGIN}/index.html`, 'POST'));
  assert.equal(answered, false);
});
