import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, deliveries, subscriptions, suppressions } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit';
import { DomainError } from '@/lib/errors';
import { resendTransport } from '@/lib/mail/transport';
import { simulatorClient } from '@/lib/telegram/client';
import { createAccount, setupTestDatabase, type CreatedAccount } from '@/test/db';
import { FAKE_RESEND_API_KEY, startFakeResend, type FakeResend } from '@/test/fakes/resend';
import { createApiKey } from './api-keys';
import {
  getNotificationDeliveries,
  listAccountSuppressions,
  listInbox,
  listNotificationLog,
  markRead,
  removeSuppression,
  retryDelivery,
  unreadCount,
} from './log';
import { publishNotification } from './publish';
import { perSecond } from './rate-limit';
import { deliverOne } from './single';

const t = setupTestDatabase();
const meta: RequestMeta = { ip: '198.51.100.1', userAgent: 'test' };
let resend: FakeResend;
let acc: CreatedAccount;
let other: CreatedAccount;
let notificationId: string;
const member = (role: string, a: CreatedAccount = acc) => (role === 'owner' ? a.owner : a.members.find((m) => m.role === role)!);

beforeAll(async () => {
  resend = await startFakeResend();
  process.env.RESEND_BASE_URL = resend.url;
  acc = await createAccount(t.db, {
    members: [{ role: 'user_admin' }, { role: 'account_admin' }, { role: 'billing_admin' }, { role: 'subscriber' }],
  });
  other = await createAccount(t.db, { members: [{ role: 'user_admin' }] });
  await t.db.insert(subscriptions).values({ accountId: acc.accountId, userId: member('billing_admin').userId, category: 'services' });
  const { id: apiKeyId } = await createApiKey(t.db, { name: 'log' });
  const result = await publishNotification(t.db, {
    apiKeyId,
    idempotencyKey: null,
    body: { account_id: acc.accountId, type: 'product_updates', subject: 'New things' },
  });
  notificationId = result.body.id as string;
});

afterAll(() => resend?.close());

const denied = async (p: Promise<unknown>, code: DomainError['code']) => {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe(code);
};

describe('delivery log', () => {
  it('shows the Owner, User and Account Administrators each notification with counts per channel and status', async () => {
    for (const role of ['owner', 'user_admin', 'account_admin']) {
      const log = await listNotificationLog(t.db, { actorUserId: member(role).userId, accountId: acc.accountId, page: 1, pageSize: 20 });
      expect(log.total).toBe(1);
      expect(log.rows[0].byChannel).toEqual({ email: { queued: 2 }, in_app: { delivered: 2 } });
    }
  });

  it('refuses other roles and other accounts', async () => {
    for (const role of ['billing_admin', 'subscriber']) {
      await denied(listNotificationLog(t.db, { actorUserId: member(role).userId, accountId: acc.accountId, page: 1, pageSize: 20 }), 'forbidden');
    }
    await denied(listNotificationLog(t.db, { actorUserId: member('user_admin', other).userId, accountId: acc.accountId, page: 1, pageSize: 20 }), 'not_found');
    const foreign = await getNotificationDeliveries(t.db, {
      actorUserId: member('user_admin', other).userId,
      accountId: other.accountId,
      notificationId,
      page: 1,
      pageSize: 50,
    });
    expect(foreign).toBeNull();
  });

  it('retries a failed delivery once, on its own, with an audit entry', async () => {
    const [row] = await t.db
      .update(deliveries)
      .set({ status: 'failed', attempts: 8, lastError: 'Resend: 500' })
      .where(and(eq(deliveries.notificationId, notificationId), eq(deliveries.channel, 'email'), eq(deliveries.userId, acc.owner.userId)))
      .returning();
    await denied(retryDelivery(t.db, { actorUserId: member('billing_admin').userId, accountId: acc.accountId, deliveryId: row.id, meta }), 'forbidden');
    await denied(retryDelivery(t.db, { actorUserId: member('user_admin', other).userId, accountId: other.accountId, deliveryId: row.id, meta }), 'not_found');

    await retryDelivery(t.db, { actorUserId: member('user_admin').userId, accountId: acc.accountId, deliveryId: row.id, meta });
    await denied(retryDelivery(t.db, { actorUserId: member('user_admin').userId, accountId: acc.accountId, deliveryId: row.id, meta }), 'conflict');
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'delivery.retried'));
    expect(audit).toMatchObject({ actorUserId: member('user_admin').userId, targetUserId: acc.owner.userId });

    const deps = {
      email: { transport: resendTransport(FAKE_RESEND_API_KEY), from: 'N <n@cloud.example>', appUrl: 'http://localhost:3000', rate: perSecond(100) },
      telegram: simulatorClient(t.db),
      finalAttempt: false,
    };
    await deliverOne(t.db, row.id, deps);
    await deliverOne(t.db, row.id, deps); // a re-run of the job does nothing more
    expect(resend.emails.map((e) => e.to[0])).toEqual([acc.owner.email]);
    expect(resend.emails[0].idempotencyKey).toBe(`delivery:${row.id}:attempt:8`);
    const [after] = await t.db.select().from(deliveries).where(eq(deliveries.id, row.id));
    expect(after).toMatchObject({ status: 'sent', attempts: 9, lastError: null });
  });
});

describe('notification centre', () => {
  it('counts unread, lists, and marks read only the person’s own notifications', async () => {
    const billing = member('billing_admin');
    expect(await unreadCount(t.db, { userId: billing.userId, accountId: acc.accountId })).toBe(1);
    const [item] = await listInbox(t.db, { userId: billing.userId, accountId: acc.accountId, limit: 10 });
    expect(item).toMatchObject({ subject: 'New things', readAt: null });
    // Someone else's id marks nothing.
    expect(await markRead(t.db, { userId: acc.owner.userId, accountId: acc.accountId, deliveryId: item.id })).toEqual({ marked: 0 });
    expect(await markRead(t.db, { userId: billing.userId, accountId: acc.accountId, deliveryId: item.id })).toEqual({ marked: 1 });
    expect(await unreadCount(t.db, { userId: billing.userId, accountId: acc.accountId })).toBe(0);
    expect(await markRead(t.db, { userId: acc.owner.userId, accountId: acc.accountId })).toEqual({ marked: 1 });
  });
});

describe('suppression list', () => {
  it('shows the Owner the suppressed addresses of the account’s people only, and lets the Owner lift them', async () => {
    await t.db.insert(suppressions).values([
      { email: member('billing_admin').email, reason: 'bounced', detail: 'No such user' },
      { email: member('user_admin', other).email, reason: 'complained' },
    ]);
    const list = await listAccountSuppressions(t.db, { actorUserId: acc.owner.userId, accountId: acc.accountId });
    expect(list.map((s) => s.email)).toEqual([member('billing_admin').email]);
    await denied(listAccountSuppressions(t.db, { actorUserId: member('user_admin').userId, accountId: acc.accountId }), 'forbidden');
    await denied(
      removeSuppression(t.db, { actorUserId: acc.owner.userId, accountId: acc.accountId, email: member('user_admin', other).email, meta }),
      'not_found',
    );
    await removeSuppression(t.db, { actorUserId: acc.owner.userId, accountId: acc.accountId, email: ` ${member('billing_admin').email.toUpperCase()} `, meta });
    expect((await t.db.select().from(suppressions)).map((s) => s.email)).toEqual([member('user_admin', other).email]);
  });
});

describe('notification centre after leaving the account', () => {
  it('refuses a person who is not (or no longer) a member', async () => {
    await denied(unreadCount(t.db, { userId: member('user_admin', other).userId, accountId: acc.accountId }), 'not_found');
    await denied(markRead(t.db, { userId: member('user_admin', other).userId, accountId: acc.accountId }), 'not_found');
  });
});
