// deliveries.notification_id has no per-row foreign key (see db/schema.ts);
// statement-level triggers keep the same guarantees. These tests hold them to it.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { deliveries, notifications } from '@/db/schema';
import { createAccount, setupTestDatabase } from '@/test/db';

const t = setupTestDatabase();

async function notificationWithDelivery() {
  const { accountId } = await createAccount(t.db);
  const [n] = await t.db
    .insert(notifications)
    // A created_at in milliseconds, which a JavaScript Date holds exactly (PostgreSQL's default has microseconds).
    .values({ accountId, category: 'services', typeKey: 'product_updates', availability: 'all_users', subject: 's', createdAt: new Date() })
    .returning({ id: notifications.id, createdAt: notifications.createdAt });
  await t.db.insert(deliveries).values({ notificationId: n.id, createdAt: n.createdAt, accountId, channel: 'email', address: 'a@b.example' });
  return { accountId, notificationId: n.id, createdAt: n.createdAt };
}

it('refuses a delivery of a notification that does not exist, even among valid rows', async () => {
  const { accountId, notificationId, createdAt } = await notificationWithDelivery();
  const insert = t.db.insert(deliveries).values([
    { notificationId, createdAt, accountId, channel: 'email', address: 'ok@b.example' },
    { notificationId: randomUUID(), createdAt, accountId, channel: 'email', address: 'orphan@b.example' },
  ]);
  await expect(insert).rejects.toMatchObject({ cause: { message: expect.stringMatching(/notification that does not exist/) } });
  const rows = await t.db.select().from(deliveries).where(eq(deliveries.notificationId, notificationId));
  expect(rows.map((r) => r.address)).toEqual(['a@b.example']);
});

it('deletes the deliveries with their notification', async () => {
  const { notificationId } = await notificationWithDelivery();
  await t.db.delete(notifications).where(eq(notifications.id, notificationId));
  expect(await t.db.select().from(deliveries).where(eq(deliveries.notificationId, notificationId))).toEqual([]);
});

it('never moves a delivery to another notification', async () => {
  const a = await notificationWithDelivery();
  const b = await notificationWithDelivery();
  await expect(
    t.db.update(deliveries).set({ notificationId: b.notificationId }).where(eq(deliveries.notificationId, a.notificationId)),
  ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/cannot move/) } });
});

it('refuses a delivery whose created_at is not its notification’s (they must share a month)', async () => {
  const { accountId, notificationId, createdAt } = await notificationWithDelivery();
  const later = new Date(createdAt.getTime() + 1);
  await expect(
    t.db.insert(deliveries).values({ notificationId, createdAt: later, accountId, channel: 'email', address: 'late@b.example' }),
  ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/not with its created_at/) } });
  await expect(t.db.update(deliveries).set({ createdAt: later }).where(eq(deliveries.notificationId, notificationId))).rejects.toMatchObject({
    cause: { message: expect.stringMatching(/cannot move/) },
  });
});
