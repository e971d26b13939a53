// `npm run audit:lighthouse`: Lighthouse (mobile, simulated throttling) on the
// main pages of the production build, signed in where the page needs it.
// Prints the median scores of LIGHTHOUSE_RUNS runs (5), leaving out runs hit by a
// headless Chrome bug (scripts/lib/held-frame.ts; the median of all runs is printed
// too), and exits 1 when a page is below Performance 95, Accessibility 100 or Best
// Practices 100. Needs `npm run build` first and a Chromium (CHROME_PATH, default
// /usr/bin/chromium).
import { randomBytes } from 'node:crypto';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';
import type pg from 'pg';
import { checkBuild, startApp, stopApp } from './lib/app-server';
import { heldFirstFrame, HELD_FRAME_MS, type TraceEvent } from './lib/held-frame';
import { withClient } from '@/db/client';

/**
 * Runs per page; the median (by performance) is reported. Five, as Lighthouse's own advice on
 * variability has it: on this kind of machine about one run in three has its first frame shown
 * late, and a median of three still lands on such a run now and then.
 */
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 5));
const THRESHOLDS = { performance: 95, accessibility: 100, 'best-practices': 100 } as const;
type Category = keyof typeof THRESHOLDS;

checkBuild();
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';

/** A database session for a seeded demo person, as their browser would hold after signing in. */
async function sessionFor(client: pg.Client, email: string) {
  const {
    rows: [user],
  } = await client.query<{ id: string }>('select id from users where email = $1', [email]);
  const token = randomBytes(32).toString('hex');
  await client.query(`insert into sessions (session_token, user_id, expires) values ($1, $2, now() + interval '1 hour')`, [token, user.id]);
  const {
    rows: [account],
  } = await client.query<{ account_id: string }>(`select account_id from memberships where user_id = $1 order by (role = 'owner') desc limit 1`, [user.id]);
  return { cookie: `authjs.session-token=${token}`, accountId: account.account_id };
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopApp().then(() => process.exit(130)));
const app = await startApp();
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const { owner, reseller, notification } = await withClient(app.databaseUrl, async (client) => {
    const owner = await sessionFor(client, 'olivia@demo.example');
    const reseller = await sessionFor(client, 'rita@demo.example');
    const {
      rows: [notification],
    } = await client.query<{ id: string }>('select id from notifications where account_id = $1 limit 1', [owner.accountId]);
    return { owner, reseller, notification };
  });

  const pages: { name: string; path: string; cookie?: string }[] = [
    { name: 'Sign in', path: '/sign-in' },
    { name: 'Account Notifications', path: `/accounts/${owner.accountId}/notifications`, cookie: owner.cookie },
    { name: 'Delivery log', path: `/accounts/${owner.accountId}/delivery-log`, cookie: owner.cookie },
    ...(notification
      ? [{ name: 'Notification detail', path: `/accounts/${owner.accountId}/delivery-log/${notification.id}`, cookie: owner.cookie }]
      : []),
    { name: 'Notification Settings (reseller)', path: `/accounts/${reseller.accountId}/settings/notifications/events`, cookie: reseller.cookie },
    { name: 'Contacts (reseller)', path: `/accounts/${reseller.accountId}/settings/contacts`, cookie: reseller.cookie },
  ];

  const rows: { page: string; scores: Record<Category, number>; below: string[]; allRuns: number; held: number }[] = [];
  let version = '';
  const benchmarks: number[] = [];
  for (const page of pages) {
    // Once to warm the server's caches (as a visitor after the first would find it), then measured.
    await fetch(`${app.baseUrl}${page.path}`, { headers: page.cookie ? { cookie: page.cookie } : {} });
    // Scores vary from run to run: Lighthouse's own advice is several runs and the median.
    const runs: { lhr: Result; held: boolean }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const result = await lighthouse(`${app.baseUrl}${page.path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: Object.keys(THRESHOLDS),
        extraHeaders: page.cookie ? { Cookie: page.cookie } : undefined,
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${page.path}`);
      if (result.lhr.runtimeError) throw new Error(`${page.path}: ${result.lhr.runtimeError.message}`);
      const trace = (result.artifacts as { Trace?: { traceEvents: TraceEvent[] } }).Trace;
      runs.push({ lhr: result.lhr, held: heldFirstFrame(trace?.traceEvents ?? []) });
    }
    // Runs whose first frame Chrome held back measure that bug, not the page (scripts/lib/held-frame.ts):
    // the median is of the other runs, and of all of them only when every run was held.
    const byPerformance = (list: typeof runs) =>
      [...list].sort((a, b) => (a.lhr.categories.performance.score ?? 0) - (b.lhr.categories.performance.score ?? 0));
    const median = (list: typeof runs) => byPerformance(list)[Math.floor((list.length - 1) / 2)].lhr;
    const clean = runs.filter((r) => !r.held);
    const lhr = median(clean.length ? clean : runs);
    const allRuns = Math.round((median(runs).categories.performance.score ?? 0) * 100);
    const held = runs.length - clean.length;
    version = lhr.lighthouseVersion;
    benchmarks.push(...runs.map((r) => r.lhr.environment.benchmarkIndex));
    const scores = Object.fromEntries(
      (Object.keys(THRESHOLDS) as Category[]).map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
    ) as Record<Category, number>;
    const below: string[] = [];
    for (const category of Object.keys(THRESHOLDS) as Category[]) {
      if (scores[category] >= THRESHOLDS[category]) continue;
      // Name the audits that cost points, so a failure says what to fix.
      const lost = lhr.categories[category].auditRefs
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id].score ?? 1) < 1)
        .map((ref) => `${ref.id} (${lhr.audits[ref.id].displayValue || lhr.audits[ref.id].score})`);
      below.push(`${category} ${scores[category]} < ${THRESHOLDS[category]}: ${lost.join(', ')}`);
    }
    if (lhr.finalDisplayedUrl && !lhr.finalDisplayedUrl.endsWith(page.path)) below.push(`redirected to ${lhr.finalDisplayedUrl}`);
    rows.push({ page: page.name, scores, below, allRuns, held });
    failed ||= below.length > 0;
  }

  const width = Math.max(...rows.map((r) => r.page.length));
  // Lighthouse's CPU benchmark of this machine (its throttling assumes a desktop of about 1000–2000):
  // on a slow or busy machine every script costs more, and the performance scores drop.
  const benchmark = Math.round(Math.min(...benchmarks));
  console.log(
    `\nLighthouse ${version} · mobile, simulated throttling · median of ${RUNS} runs · CPU benchmark ${benchmark} · ${new Date().toISOString()}\n`,
  );
  console.log(`${'page'.padEnd(width)}  performance  accessibility  best-practices  held runs  performance of all runs`);
  for (const row of rows) {
    console.log(
      `${row.page.padEnd(width)}  ${String(row.scores.performance).padStart(11)}  ${String(row.scores.accessibility).padStart(13)}  ${String(row.scores['best-practices']).padStart(14)}  ${`${row.held} of ${RUNS}`.padStart(9)}  ${String(row.allRuns).padStart(23)}`,
    );
  }
  console.log(
    `\nHeld runs: Chrome painted the page but showed its first frame more than ${HELD_FRAME_MS} ms later (headless frame throttling,\n` +
      `https://github.com/GoogleChrome/lighthouse/issues/17148). They are left out of the median unless every run was held;\n` +
      `the last column is the median of all runs, held ones included.`,
  );
  for (const row of rows) for (const line of row.below) console.log(`✗ ${row.page}: ${line}`);
  console.log(failed ? '\nSome pages are below the targets.' : `\nAll ${rows.length} pages meet the targets (performance ≥ 95, accessibility 100, best practices 100).`);
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  chrome.kill();
  await stopApp();
}
process.exit(failed ? 1 : 0);

