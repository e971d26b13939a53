// GET /metrics: only with the token, and its numbers follow what happens in
// the database (a publish adds deliveries and queued jobs).
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { subscriptions } from '@/db/schema';
import { createApiKey } from '@/lib/delivery/api-keys';
import { publishNotification } from '@/lib/delivery/publish';
import { PARTITION_MONTHS_AHEAD } from '@/lib/ops/retention';
import { createAccount, setupTestDatabase } from '@/test/db';

const t = setupTestDatabase();
const TOKEN = 'metrics-test-token-0123456789';
type Handler = (request: Request) => Promise<Response>;
let GET: Handler;

const scrape = (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => GET(new Request('http://localhost/metrics', { headers }));

/** The value of one sample, e.g. `an_deliveries{channel="email",status="queued"}`; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = m[2] ? m[2].split(',') : [];
    if (wanted.every((l) => have.includes(l)) && have.length === wanted.length) return Number(m[3]);
  }
  return 0;
}

beforeAll(async () => {
  process.env.DATABASE_URL = t.url;
  process.env.METRICS_TOKEN = TOKEN;
  vi.resetModules();
  ({ GET } = await import('./route'));
});

describe('who may read /metrics', () => {
  it('refuses a request without the token or with a wrong one (401), and accepts the token', async () => {
    const refused: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: TOKEN }, { authorization: `Basic ${TOKEN}` }, { authorization: 'Bearer ' }];
    for (const headers of refused) {
      const response = await scrape(headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await response.text()).toMatch(/METRICS_TOKEN|Wrong metrics token/);
    }
    const ok = await scrape();
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('is off, with a message saying how to switch it on, while METRICS_TOKEN is unset', async () => {
    delete process.env.METRICS_TOKEN;
    vi.resetModules();
    try {
      const { GET: off } = await import('./route');
      const response = await off(new Request('http://localhost/metrics', { headers: { authorization: `Bearer ${TOKEN}` } }));
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('Metrics are off: set METRICS_TOKEN to enable /metrics.\n');
    } finally {
      process.env.METRICS_TOKEN = TOKEN;
      vi.resetModules();
    }
  });
});

it('counts a publish: its deliveries by channel and status, and its jobs waiting in the queue', async () => {
  const acc = await createAccount(t.db, { members: [{ role: 'account_admin' }, { role: 'billing_admin' }] });
  await t.db.insert(subscriptions).values(acc.members.map((m) => ({ accountId: acc.accountId, userId: m.userId, category: 'services' as const })));
  const { id: apiKeyId } = await createApiKey(t.db, { name: 'metrics' });

  const before = await (await scrape()).text();
  expect(sample(before, 'an_queue_oldest_ready_job_age_seconds')).toBe(0);
  const published = await publishNotification(t.db, { apiKeyId, idempotencyKey: null, body: { account_id: acc.accountId, type: 'product_updates', subject: 'Counted' } });
  expect(published.status).toBe(202);
  await t.db.execute(sql`update graphile_worker._private_jobs set run_at = now() - interval '90 seconds'`);
  await t.db.execute(sql`insert into resend_webhook_events (id, type) values ('msg_1', 'email.delivered'), ('msg_2', 'email.delivered'), ('msg_3', 'email.bounced')`);

  const after = await (await scrape()).text();
  // The Owner and both subscribers, by e-mail and in the app.
  const queued = (text: string, channel: string) => sample(text, 'an_deliveries', { channel, status: 'queued' });
  expect(queued(after, 'email') - queued(before, 'email')).toBe(3);
  expect(sample(after, 'an_deliveries', { channel: 'in_app', status: 'delivered' }) - sample(before, 'an_deliveries', { channel: 'in_app', status: 'delivered' })).toBe(3);
  expect(sample(after, 'an_queue_jobs', { task: 'deliver_email', state: 'ready' })).toBe(1);
  expect(sample(after, 'an_queue_oldest_ready_job_age_seconds')).toBeGreaterThanOrEqual(90);
  expect(sample(after, 'an_webhook_events', { source: 'resend', type: 'email.delivered' })).toBe(2);
  expect(sample(after, 'an_webhook_events', { source: 'resend', type: 'email.bounced' })).toBe(1);
  expect(sample(after, 'an_worker_processes_alive')).toBe(0);
  // The migrated database has this month and the months ahead (lib/ops/retention.ts).
  expect(sample(after, 'an_partition_months_ahead')).toBe(PARTITION_MONTHS_AHEAD);
  // This process's own metrics come along.
  expect(after).toMatch(/^process_cpu_user_seconds_total \d/m);
});
