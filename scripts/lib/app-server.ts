// The production app on a throw-away database, for the suites that measure it
// from outside (Lighthouse, the load test): scripts/start.ts --ephemeral
// --no-build on a free loopback port, in demo mode, stopped with its PostgreSQL.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@/db/embedded';

export type RunningApp = { url: string; databaseUrl: string; stop: () => Promise<void> };

/** The build to serve: NEXT_DIST_DIR or .next; the suites measure a production build, never a dev server. */
export function requireProductionBuild(): string {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!existsSync(path.join(distDir, 'BUILD_ID'))) {
    console.error(`No production build in ${distDir}/. Run \`npm run build\` first.`);
    process.exit(2);
  }
  return distDir;
}

export async function startApp(options: { env?: Record<string, string>; quiet?: boolean } = {}): Promise<RunningApp> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const stateFile = path.join(os.tmpdir(), `an-app-${randomBytes(4).toString('hex')}.json`);
  // Never a real provider: e-mail lands in the local mailbox, Telegram in the simulator.
  const inherited = { ...process.env };
  for (const name of ['RESEND_API_KEY', 'RESEND_BASE_URL', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_API_BASE_URL', 'DATABASE_URL']) delete inherited[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--ephemeral', '--no-build'], {
    env: {
      ...inherited,
      NODE_ENV: 'production',
      PORT: String(port),
      APP_URL: url,
      DEMO_MODE: 'on',
      DEV_TOOLS: 'on',
      NEXT_TELEMETRY_DISABLED: '1',
      E2E_STATE_FILE: stateFile,
      ...options.env,
    },
    stdio: options.quiet === false ? 'inherit' : 'ignore',
    detached: true,
  });
  let exited = false;
  child.once('exit', () => (exited = true));

  const stop = async () => {
    if (!exited) {
      process.kill(-child.pid!, 'SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => (process.kill(-child.pid!, 'SIGKILL'), resolve(null)), 20_000);
        child.once('exit', () => (clearTimeout(timer), resolve(null)));
      });
    }
    rmSync(stateFile, { force: true });
  };

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error('the app exited while starting (run it with `npm start` to see why)');
    if (Date.now() > deadline) {
      await stop();
      throw new Error('the app did not answer within 120 s');
    }
    const ready = await fetch(`${url}/sign-in`).then((r) => r.ok, () => false);
    if (ready && existsSync(stateFile)) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const { databaseUrl } = JSON.parse(readFileSync(stateFile, 'utf8')) as { databaseUrl: string };
  return { url, databaseUrl, stop };
}
