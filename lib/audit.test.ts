// The directory API writes its audit entries in SQL (a snapshot writes thousands in one
// statement), where the AuditEntry types cannot check them: every row it writes must read
// back as its action, or the audit log would show it in general words.
import { expect, it } from 'vitest';
import { auditLog, subscriptions } from '@/db/schema';
import { createApiKey } from '@/lib/delivery/api-keys';
import { closeAccount, putAccount, putProject, removeProject } from '@/lib/directory/accounts';
import { applySnapshot, putMember } from '@/lib/directory/directory';
import { setupTestDatabase } from '@/test/db';
import { listAuditLog, noRequestMeta, readAuditEntry } from './audit';

const t = setupTestDatabase();

it('reads back every entry the directory API writes', async () => {
  const key = await createApiKey(t.db, { name: 'Directory sync', scopes: ['directory'] });
  const actor = { apiKeyId: key.id, meta: noRequestMeta };
  const { account } = await putAccount(t.db, actor, 'acme', { name: 'Acme', owner: { email: 'olivia@acme.test', name: 'Olivia' } });
  await putAccount(t.db, actor, 'acme', { name: 'Acme Corp' });
  await putProject(t.db, actor, 'acme', 'web', { name: 'Web shop' });
  await putProject(t.db, actor, 'acme', 'web', { name: 'Shop' });
  await putMember(t.db, actor, 'acme', 'ursula@acme.test', { name: 'Ursula', role: 'user_admin' });
  await putMember(t.db, actor, 'acme', 'pia@acme.test', { name: 'Pia', role: 'project_member', projects: [{ ref: 'web', role: 'project_admin' }] });
  const ursula = (await t.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'ursula@acme.test') }))!;
  await t.db.insert(subscriptions).values({ accountId: account.id, userId: ursula.id, category: 'services' });
  await putMember(t.db, actor, 'acme', 'ursula@acme.test', { role: 'subscriber' }); // ends her Services subscription
  await putMember(t.db, actor, 'acme', 'ursula@acme.test', { role: 'owner', previous_owner_role: 'account_admin' }); // Olivia keeps what she may
  await removeProject(t.db, actor, 'acme', 'web');
  await applySnapshot(t.db, actor, 'acme', {
    projects: [{ ref: 'api', name: 'API' }],
    members: [
      { email: 'ursula@acme.test', role: 'owner' },
      { email: 'sam@acme.test', name: 'Sam', role: 'project_member', projects: [{ ref: 'api', role: 'project_supervisor' }] },
    ],
  });
  await applySnapshot(t.db, actor, 'acme', { projects: [{ ref: 'api', name: 'Public API' }], members: [{ email: 'ursula@acme.test', role: 'owner' }] });
  await applySnapshot(t.db, actor, 'acme', { projects: [], members: [{ email: 'ursula@acme.test', role: 'owner' }] });
  await closeAccount(t.db, actor, 'acme');

  const stored = await t.db.select({ action: auditLog.action, details: auditLog.details }).from(auditLog);
  expect(new Set(stored.map((r) => r.action))).toEqual(
    new Set([
      'account.created',
      'account.updated',
      'account.closed',
      'project.created',
      'project.renamed',
      'project.removed',
      'member.added',
      'member.changed',
      'member.removed',
      'subscription.added',
      'subscription.removed',
    ]),
  );
  for (const row of stored) expect(readAuditEntry(row), JSON.stringify(row)).toMatchObject({ action: row.action });

  const { rows, total } = await listAuditLog(t.db, { accountId: account.id, page: 1, pageSize: 100 });
  expect(rows).toHaveLength(total);
  expect(rows.filter((r) => r.entry.action === null)).toEqual([]);
});

it('reads a row of another shape as unreadable instead of throwing', async () => {
  expect(readAuditEntry({ action: 'member.changed', details: { from: 'owner' } })).toEqual({ action: null, storedAction: 'member.changed' });
  expect(readAuditEntry({ action: '__proto__', details: {} })).toEqual({ action: null, storedAction: '__proto__' });
  expect(readAuditEntry({ action: 'telegram.connected', details: { via: 'telegram', telegramUsername: null, replacedChat: true } })).toEqual({
    action: 'telegram.connected',
    details: { via: 'telegram', telegramUsername: null, replacedChat: true },
  });
});
