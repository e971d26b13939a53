// Accounts and projects as the host platform pushes them (README → "Directory
// API"). Every write locks the account's row first, so two requests about one
// account take turns: ownership moves, snapshots and removals never interleave.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '@/db';
import { accounts, projectMemberships, projects } from '@/db/schema';
import { ApiProblem, fieldProblem } from '@/lib/api/result';
import { recordAudit, type RequestMeta } from '@/lib/audit';
import { changeMembers } from './members';
import type { AccountBody, AccountResponse } from './schema';

/** Who made a directory change: the API key (its name is the audit log's actor). */
export type DirectoryActor = { apiKeyId: string; meta: RequestMeta };

const reseller = alias(accounts, 'reseller');

export type DirectoryAccount = { id: string; ref: string | null; name: string; isReseller: boolean; resellerId: string | null; closedAt: Date | null };

const notFound = (ref: string) => new ApiProblem(404, 'account_not_found', `No account with ref "${ref}".`);
const closed = (ref: string) => new ApiProblem(409, 'account_closed', `Account "${ref}" is closed; its directory can no longer change.`);

/** The account with this ref, locked for the rest of the transaction; 404 when unknown, 409 when closed (unless `allowClosed`). */
export async function lockAccount(tx: Tx, ref: string, options: { allowClosed?: boolean } = {}): Promise<DirectoryAccount> {
  const [row] = await tx
    .select({ id: accounts.id, ref: accounts.ref, name: accounts.name, isReseller: accounts.isReseller, resellerId: accounts.resellerId, closedAt: accounts.closedAt })
    .from(accounts)
    .where(eq(accounts.ref, ref))
    .for('update');
  if (!row) throw notFound(ref);
  if (row.closedAt && !options.allowClosed) throw closed(ref);
  return row;
}

/** An account as the API answers it. */
export async function getDirectoryAccount(db: Tx, ref: string): Promise<AccountResponse> {
  const [row] = await db
    .select({
      id: accounts.id,
      ref: accounts.ref,
      name: accounts.name,
      isReseller: accounts.isReseller,
      resellerRef: reseller.ref,
      closedAt: accounts.closedAt,
      createdAt: accounts.createdAt,
    })
    .from(accounts)
    .leftJoin(reseller, eq(reseller.id, accounts.resellerId))
    .where(eq(accounts.ref, ref));
  if (!row) throw notFound(ref);
  return {
    id: row.id,
    ref: row.ref,
    name: row.name,
    is_reseller: row.isReseller,
    reseller_ref: row.resellerRef,
    status: row.closedAt ? 'closed' : 'open',
    closed_at: row.closedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * Creates the account (with no members yet: its first member must be its
 * Owner, in the same request or the next) or changes its name and reseller.
 * Omitted `is_reseller` / `reseller_ref` keep their values.
 */
export async function putAccount(
  db: Db,
  actor: DirectoryActor,
  ref: string,
  body: AccountBody,
): Promise<{ created: boolean; account: AccountResponse }> {
  return db.transaction(async (tx) => {
    // Serializes creations of the same ref: the second waits, then sees the first's row.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`account-ref:${ref}`}))`);
    const [existing] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.ref, ref));
    const current = existing ? await lockAccount(tx, ref) : null;

    const isReseller = body.is_reseller ?? current?.isReseller ?? false;
    let resellerId = current?.resellerId ?? null;
    if (body.reseller_ref !== undefined) {
      resellerId = null;
      if (body.reseller_ref !== null) {
        if (body.reseller_ref === ref) throw fieldProblem('reseller_ref', 'names the account itself');
        const [r] = await tx
          .select({ id: accounts.id, isReseller: accounts.isReseller, closedAt: accounts.closedAt })
          .from(accounts)
          .where(eq(accounts.ref, body.reseller_ref));
        if (!r) throw fieldProblem('reseller_ref', `no account has the ref "${body.reseller_ref}"`);
        if (!r.isReseller) throw fieldProblem('reseller_ref', `account "${body.reseller_ref}" is not a reseller`);
        if (r.closedAt) throw fieldProblem('reseller_ref', `reseller "${body.reseller_ref}" is closed`);
        resellerId = r.id;
      }
    }
    if (isReseller && resellerId) {
      throw fieldProblem(body.is_reseller ? 'is_reseller' : 'reseller_ref', 'a reseller cannot be the customer of another reseller');
    }
    if (current && current.isReseller && !isReseller) {
      const [customer] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.resellerId, current.id)).limit(1);
      if (customer) throw fieldProblem('is_reseller', 'the account still has customers; move or close them first');
    }

    if (!current) {
      if (!body.owner) throw fieldProblem('owner', 'is required when the request creates the account');
      const [row] = await tx.insert(accounts).values({ ref, name: body.name, isReseller, resellerId }).returning({ id: accounts.id });
      await recordAudit(tx, [{ accountId: row.id, actorUserId: null, actorApiKeyId: actor.apiKeyId, action: 'account.created', details: { ref, name: body.name }, meta: actor.meta }]);
      await changeMembers(tx, { id: row.id }, actor, { mode: 'partial', members: [{ ...body.owner, role: 'owner', projects: undefined }], remove: [] });
      return { created: true, account: await getDirectoryAccount(tx, ref) };
    }
    if (body.owner) {
      await changeMembers(tx, current, actor, { mode: 'partial', members: [{ ...body.owner, role: 'owner', projects: undefined }], remove: [] });
    }
    const changed = current.name !== body.name || current.isReseller !== isReseller || current.resellerId !== resellerId;
    if (changed) {
      await tx.update(accounts).set({ name: body.name, isReseller, resellerId }).where(eq(accounts.id, current.id));
      await recordAudit(tx, [
        {
          accountId: current.id,
          actorUserId: null,
          actorApiKeyId: actor.apiKeyId,
          action: 'account.updated',
          details: { before: { name: current.name, isReseller: current.isReseller }, after: { name: body.name, isReseller } },
          meta: actor.meta,
        },
      ]);
    }
    return { created: false, account: await getDirectoryAccount(tx, ref) };
  });
}

/**
 * Closes the account: from the commit on, its members no longer reach it and
 * publishing to it answers 409; its audit log and delivery log are kept.
 * Closing a closed account changes nothing.
 */
export async function closeAccount(db: Db, actor: DirectoryActor, ref: string): Promise<AccountResponse> {
  return db.transaction(async (tx) => {
    const account = await lockAccount(tx, ref, { allowClosed: true });
    if (!account.closedAt) {
      if (account.isReseller) {
        const [open] = await tx
          .select({ ref: accounts.ref })
          .from(accounts)
          .where(and(eq(accounts.resellerId, account.id), isNull(accounts.closedAt)))
          .limit(1);
        if (open) throw new ApiProblem(409, 'reseller_has_customers', `Reseller "${ref}" still has open customers (such as "${open.ref ?? 'one without a ref'}"); close them first.`);
      }
      await tx.update(accounts).set({ closedAt: new Date() }).where(eq(accounts.id, account.id));
      await recordAudit(tx, [{ accountId: account.id, actorUserId: null, actorApiKeyId: actor.apiKeyId, action: 'account.closed', details: { ref }, meta: actor.meta }]);
    }
    return getDirectoryAccount(tx, ref);
  });
}

// ---------------------------------------------------------------------------
// Projects
// ---------------------------------------------------------------------------

const projectOut = (p: { id: string; ref: string | null; name: string; createdAt: Date }) => ({
  id: p.id,
  ref: p.ref,
  name: p.name,
  created_at: p.createdAt.toISOString(),
});

const nameTaken = (name: string) => new ApiProblem(409, 'project_name_taken', `Another project of this account is named "${name}".`, [{ field: 'name', message: 'is taken by another project' }]);

/** Creates or renames a project of the account. */
export async function putProject(db: Db, actor: DirectoryActor, accountRef: string, ref: string, body: { name: string }) {
  return db.transaction(async (tx) => {
    const account = await lockAccount(tx, accountRef);
    const live = and(eq(projects.accountId, account.id), isNull(projects.removedAt));
    const [current] = await tx.select().from(projects).where(and(live, eq(projects.ref, ref)));
    const [sameName] = await tx
      .select({ id: projects.id })
      .from(projects)
      .where(and(live, eq(projects.name, body.name)));
    if (sameName && sameName.id !== current?.id) throw nameTaken(body.name);
    if (!current) {
      const [row] = await tx.insert(projects).values({ accountId: account.id, ref, name: body.name }).returning();
      await recordAudit(tx, [{ accountId: account.id, actorUserId: null, actorApiKeyId: actor.apiKeyId, action: 'project.created', details: { ref, name: body.name }, meta: actor.meta }]);
      return { created: true, project: projectOut(row) };
    }
    if (current.name !== body.name) {
      await tx.update(projects).set({ name: body.name }).where(eq(projects.id, current.id));
      await recordAudit(tx, [
        { accountId: account.id, actorUserId: null, actorApiKeyId: actor.apiKeyId, action: 'project.renamed', details: { ref, before: current.name, after: body.name }, meta: actor.meta },
      ]);
    }
    return { created: false, project: projectOut({ ...current, name: body.name }) };
  });
}

/**
 * Removes a project: its project memberships end (a Project Administrator or
 * Supervisor of only this project keeps no access to the account's project
 * notices). The row stays, marked removed, for the notifications that name it.
 */
export async function removeProject(db: Db, actor: DirectoryActor, accountRef: string, ref: string) {
  return db.transaction(async (tx) => {
    const account = await lockAccount(tx, accountRef);
    const [current] = await tx
      .select()
      .from(projects)
      .where(and(eq(projects.accountId, account.id), eq(projects.ref, ref), isNull(projects.removedAt)));
    if (!current) throw new ApiProblem(404, 'project_not_found', `Account "${accountRef}" has no project with ref "${ref}".`);
    const ended = await tx
      .delete(projectMemberships)
      .where(and(eq(projectMemberships.accountId, account.id), eq(projectMemberships.projectId, current.id)))
      .returning({ userId: projectMemberships.userId });
    await tx.update(projects).set({ removedAt: new Date() }).where(eq(projects.id, current.id));
    await recordAudit(tx, [
      { accountId: account.id, actorUserId: null, actorApiKeyId: actor.apiKeyId, action: 'project.removed', details: { ref, name: current.name, members: ended.length }, meta: actor.meta },
    ]);
  });
}

/** The account's live projects, by ref. */
export function listProjects(db: Tx, accountId: string) {
  return db
    .select({ id: projects.id, ref: projects.ref, name: projects.name })
    .from(projects)
    .where(and(eq(projects.accountId, accountId), isNull(projects.removedAt)))
    .orderBy(asc(projects.name));
}
