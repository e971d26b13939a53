import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { E2E_API_KEY, E2E_STATE_FILE } from './e2e/fixtures/api';
import { E2E_METRICS_TOKEN } from './e2e/fixtures/metrics';
import { E2E_OIDC_ISSUER, E2E_OIDC_PORT, e2eOidcEnv } from './e2e/fixtures/oidc';

// The browser suite runs against a production build (`npm test` builds first)
// served by scripts/start.ts on a throw-away database with demo data. No
// Resend key: every e-mail lands in the local mailbox at /dev/mailbox.
// E2E_PORT and NEXT_DIST_DIR let several checkouts or engineers run the suite side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;


// Debian's Chromium when present (CI installs it with apt); otherwise a
// browser installed by `npx playwright install`.
const systemChromium = '/usr/bin/chromium';

// The server inherits this process's environment: make sure a developer's
// real provider settings never reach the browser suite.
delete process.env.RESEND_API_KEY;
delete process.env.RESEND_BASE_URL;
// The suite signs in with links and with its own OpenID provider (e2eOidcEnv below).
delete process.env.AUTH_MAGIC_LINK;

export default defineConfig({
  testDir: 'e2e',
  // One worker: all specs share one app and one mailbox, and some count mailbox messages.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: existsSync(systemChromium) ? systemChromium : undefined,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: [
    // The host platform's OpenID provider (e2e/auth/sso.spec.ts), on a fixed port: the app is configured with its issuer.
    {
      command: 'node_modules/.bin/tsx test/fakes/oidc-provider-server.ts',
      url: `${E2E_OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { OIDC_PORT: String(E2E_OIDC_PORT), APP_URL: baseURL },
    },
    {
      command: 'node_modules/.bin/tsx scripts/start.ts --ephemeral --no-build',
      url: `${baseURL}/sign-in`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'pipe',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
      env: {
        PORT: String(PORT),
        APP_URL: baseURL,
        DEMO_MODE: 'on',
        DEV_TOOLS: 'on',
        NEXT_TELEMETRY_DISABLED: '1',
        // Registered (hashed) by scripts/start.ts so specs can call the publishing API.
        E2E_API_KEY,
        E2E_STATE_FILE,
        METRICS_TOKEN: E2E_METRICS_TOKEN,
        ...e2eOidcEnv(),
      },
    },
  ],
});
