import { expect, test } from '@playwright/test';
import { E2E_METRICS_TOKEN } from '../fixtures/metrics';

// The production build answers a load balancer and Prometheus: liveness without the database,
// readiness with it (and the worker `npm start` runs beside it, seen through its heartbeat).
test('the built server answers /api/health, /api/ready and, with the token, /metrics', async ({ request }) => {
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });

  await expect
    .poll(async () => {
      const ready = await request.get('/api/ready');
      const body = await ready.json();
      return { status: ready.status(), ready: body.ready, migrations: body.migrations?.ok, workerAlive: (body.worker?.alive ?? 0) > 0 };
    })
    .toEqual({ status: 200, ready: true, migrations: true, workerAlive: true });

  expect((await request.get('/metrics')).status()).toBe(401);
  const metrics = await request.get('/metrics', { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(metrics.status()).toBe(200);
  const text = await metrics.text();
  expect(text).toMatch(/^an_worker_processes_alive [1-9]/m);
  expect(text).toMatch(/^an_queue_oldest_ready_job_age_seconds \d/m);
  expect(text).toMatch(/^# TYPE an_deliveries gauge$/m);
});
