// What the input benchmarks (scripts/latency.mjs, scripts/render-cost.mjs)
// share: the resident's inputs, and the builds served side by side.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// What a resident does, in order: [kind, what, key]. A key goes to a text
// box (its id); a tap is on an option's label.
const key = (field, k) => ['key', field, k];
const tap = (label) => ['tap', label];
export const SEQUENCE = [
  key('#q-age', '6'), key('#q-age', '8'),
  tap('label[for="q-sex-female"]'),
  tap('label[for="q-hukou-rural"]'),
  tap('label[for="q-situations-farming"]'),
  tap('label[for="q-situations-assistance"]'),
  tap('label[for="q-assistance_kind-dibao_applying"]'),
  key('#q-household_members', '3'),
  key('#q-household_income', '2'), key('#q-household_income', '4'), key('#q-household_income', '0'), key('#q-household_income', '0'),
  key('#q-age', 'Backspace'), key('#q-age', '2'),
];

/**
 * Serves each build in `dists` with scripts/serve-dist.mjs, the first on
 * `port` and the next on the following ports; resolves once all listen.
 * `stop()` ends them (their keep-alive connections would hold a polite exit).
 */
export async function serveBuilds(dists, port) {
  const servers = dists.map((dist, i) =>
    spawn(process.execPath, [`${root}scripts/serve-dist.mjs`, dist, String(port + i)], { stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  const stop = () => servers.forEach((server) => server.kill('SIGKILL'));
  try {
    await Promise.all(
      servers.map(
        (server) =>
          new Promise((resolve, reject) => {
            server.stdout.once('data', resolve);
            server.once('exit', (code) => reject(new Error(`serve-dist exited (${code})`)));
          }),
      ),
    );
  } catch (e) {
    stop();
    throw e;
  }
  return { stop };
}
