// The fan-out's SQL and rules.ts agree: for every role × category ×
// availability × subscription × project × Telegram state, the deliveries the
// fan-out writes are exactly what `receives` answers for that member. Nothing
// here restates a rule: the expectation is rules.ts's own answer.
import { sql, TransactionRollbackError } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { memberRole, subscriptions, telegramLinks, type MemberRole } from '@/db/schema';
import { categoryKeys, type Availability } from '@/lib/notifications/catalog';
import { receives, type RecipientFacts } from '@/lib/notifications/rules';
import { createAccount, setupTestDatabase } from '@/test/db';
import { fanOut, fanOutMany } from './fanout';
import { queryRows } from '@/db';
import { uuidArray } from '@/db/sql-array';

const t = setupTestDatabase();
const AVAILABILITIES: Availability[] = ['all_users', 'account_users', 'project_users'];
const TELEGRAM_STATES = ['none', 'active', 'inactive'] as const;
type Member = RecipientFacts & { userId: string; label: string };
type World = { accountId: string; projectId: string; members: Member[] };
const worlds: World[] = [];
let chat = 1_000;

/** Every combination of facts but the role's. */
const facts = () =>
  [false, true].flatMap((subscribed) =>
    [false, true].flatMap((inProject) => TELEGRAM_STATES.map((telegram) => ({ subscribed, inProject, telegram }))),
  );

async function world(roles: MemberRole[], ownerFacts: ReturnType<typeof facts>[number]) {
  const combos = roles.flatMap((role) => facts().map((f) => ({ role, ...f })));
  const account = await createAccount(t.db, {
    projects: ['P', 'Other'],
    members: [
      { role: 'owner', projects: ownerFacts.inProject ? [{ project: 'P', role: 'project_admin' }] : [{ project: 'Other', role: 'project_admin' }] },
      ...combos.map((c) => ({ role: c.role, projects: c.inProject ? [{ project: 'P', role: 'project_supervisor' as const }] : [{ project: 'Other', role: 'project_supervisor' as const }] })),
    ],
  });
  const all = [{ ...ownerFacts, role: 'owner' as MemberRole }, ...combos].map((c, i) => ({ ...c, userId: account.members[i].userId }));
  for (const m of all) {
    if (m.subscribed) await t.db.insert(subscriptions).values(categoryKeys.map((category) => ({ accountId: account.accountId, userId: m.userId, category })));
    if (m.telegram !== 'none') await t.db.insert(telegramLinks).values({ userId: m.userId, chatId: chat++, status: m.telegram });
  }
  worlds.push({
    accountId: account.accountId,
    projectId: account.projects.P,
    members: all.map((m) => ({
      role: m.role,
      subscribed: m.subscribed,
      inProject: m.inProject,
      telegramLinked: m.telegram === 'active',
      userId: m.userId,
      label: `${m.role}, ${m.subscribed ? 'subscribed' : 'not subscribed'}, ${m.inProject ? 'in' : 'not in'} the project, Telegram ${m.telegram}`,
    })),
  });
}

beforeAll(async () => {
  const others = memberRole.enumValues.filter((r) => r !== 'owner');
  // One account holds every non-Owner combination; every Owner combination needs an account of its own.
  for (const [i, ownerFacts] of facts().entries()) await world(i === 0 ? others : [], ownerFacts);
});

it('writes exactly the deliveries rules.ts answers, for every combination', async () => {
  let checked = 0;
  for (const w of worlds) {
    for (const category of categoryKeys) {
      for (const availability of AVAILABILITIES) {
        let written: { user_id: string; channel: string }[] = [];
        // Each fan-out is rolled back, so the combinations do not add up in one another's counts.
        await t.db
          .transaction(async (tx) => {
            const [n] = await queryRows<{ id: string }>(tx, sql`
              insert into notifications (account_id, category, type_key, availability, project_id, subject)
              values (${w.accountId}, ${category}, 'agreement', ${availability}, ${availability === 'project_users' ? w.projectId : null}, 'Agreement')
              returning id`);
            await fanOut(tx, { id: n.id, accountId: w.accountId, category, availability, projectId: availability === 'project_users' ? w.projectId : null });
            written = await queryRows<{ user_id: string; channel: string }>(tx, sql`select user_id, channel::text from deliveries where notification_id = ${n.id}`);
            tx.rollback();
          })
          .catch((error: unknown) => {
            if (!(error instanceof TransactionRollbackError)) throw error;
          });
        for (const m of w.members) {
          const got = new Set(written.filter((r) => r.user_id === m.userId).map((r) => r.channel));
          const want = receives(m, { category, availability });
          expect({ email: got.has('email'), in_app: got.has('in_app'), telegram: got.has('telegram') }, `${m.label}: ${category}, ${availability}`).toEqual({
            email: want.email,
            in_app: want.email,
            telegram: want.telegram,
          });
          checked++;
        }
      }
    }
  }
  // 5 non-Owner roles × 12 combinations + 12 Owners, each for 5 categories × 3 availabilities.
  expect(checked).toBe((5 * 12 + 12) * categoryKeys.length * AVAILABILITIES.length);
});

/** Runs `fan` in a transaction that is rolled back, and answers what it wrote. */
async function written(fan: (tx: Parameters<Parameters<typeof t.db.transaction>[0]>[0]) => Promise<string[]>) {
  let rows: { notification_id: string; account_id: string; user_id: string; channel: string; chunk: number }[] = [];
  let jobs = 0;
  await t.db
    .transaction(async (tx) => {
      const ids = await fan(tx);
      rows = await queryRows(tx, sql`
        select notification_id, account_id, user_id, channel::text, chunk from deliveries where notification_id = any(${uuidArray(ids)})`);
      [{ jobs }] = await queryRows<{ jobs: number }>(tx, sql`select count(*)::int as jobs from graphile_worker.jobs`);
      tx.rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof TransactionRollbackError)) throw error;
    });
  return { rows, jobs };
}

it('fans out many notifications at once (a broadcast’s copies) exactly as each alone', async () => {
  const insert = (tx: Parameters<Parameters<typeof t.db.transaction>[0]>[0], accountId: string, category: string, availability: Availability) =>
    queryRows<{ id: string }>(tx, sql`
      insert into notifications (account_id, category, type_key, availability, subject)
      values (${accountId}, ${category}, 'agreement', ${availability}, 'Agreement') returning id`).then(([n]) => n.id);
  const shape = (rows: { account_id: string; user_id: string; channel: string; chunk: number }[]) =>
    rows.map((r) => `${r.account_id} ${r.user_id} ${r.channel} ${r.chunk}`).sort();
  for (const category of categoryKeys) {
    for (const availability of ['all_users', 'account_users'] as const) {
      const alone = await written(async (tx) => {
        const ids: string[] = [];
        for (const w of worlds) {
          const id = await insert(tx, w.accountId, category, availability);
          await fanOut(tx, { id, accountId: w.accountId, category, availability, projectId: null });
          ids.push(id);
        }
        return ids;
      });
      const together = await written(async (tx) => {
        const ids: string[] = [];
        for (const w of worlds) ids.push(await insert(tx, w.accountId, category, availability));
        await fanOutMany(tx, { notificationIds: ids, category, availability, projectId: null });
        return ids;
      });
      expect(together.rows.length, `${category}, ${availability}`).toBeGreaterThan(0);
      expect(shape(together.rows), `${category}, ${availability}`).toEqual(shape(alone.rows));
      expect(together.jobs, `${category}, ${availability}: one job per notification and channel chunk`).toBe(alone.jobs);
    }
  }
});

it('gives the transaction its planner settings back after resolving with index look-ups only', async () => {
  const w = worlds[0];
  await t.db
    .transaction(async (tx) => {
      await tx.execute(sql`set local enable_mergejoin = off`);
      const [n] = await queryRows<{ id: string }>(tx, sql`
        insert into notifications (account_id, category, type_key, availability, subject)
        values (${w.accountId}, 'services', 'agreement', 'account_users', 'Agreement') returning id`);
      await fanOut(tx, { id: n.id, accountId: w.accountId, category: 'services', availability: 'account_users', projectId: null });
      const [after] = await queryRows<{ hash: string; merge: string }>(tx, sql`
        select current_setting('enable_hashjoin') as hash, current_setting('enable_mergejoin') as merge`);
      expect(after).toEqual({ hash: 'on', merge: 'off' });
      tx.rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof TransactionRollbackError)) throw error;
    });
});
