import { defineConfig } from '@playwright/test';

// e2e tests run against the release build in dist/ (scripts/test.sh builds it first).
const PORT = Number(process.env.E2E_PORT ?? 4173);
// E2E_DIST=dir tests another build (e.g. one made with `trunk build --release --dist dir`).
const DIST = process.env.E2E_DIST ?? 'dist';
export const BASE_URL = `http://127.0.0.1:${PORT}`;

// Chromium is Debian's (/usr/bin/chromium); never `npx playwright install`.
// Flags that keep Chromium quiet on a closed network. Playwright itself gives every launch
// a fresh temporary --user-data-dir (passing one in args is rejected by launch()).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  retries: 0,
  reporter: 'list',
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    viewport: { width: 360, height: 740 }, // phone by default
    locale: 'zh-CN',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: `node scripts/serve-dist.mjs ${DIST} ${PORT}`,
    url: `${BASE_URL}/index.html`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
