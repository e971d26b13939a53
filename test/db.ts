// Test databases and a small data factory. Every test file that touches data
// gets its own database cloned from the migrated template, so files run in
// parallel safely and a test never sees another file's rows.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDb, type Db, type Tx } from '@/db';
import { accounts, memberships, projectMemberships, projects, users, type MemberRole, type ProjectRole } from '@/db/schema';

export type TestDatabase = {
  name: string;
  url: string;
  db: Db;
  /** Closes the pool and drops the database. */
  drop: () => Promise<void>;
};

function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: inject('databaseAdminUrl') });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

/** A fresh, migrated database (`CREATE DATABASE t_<run>_<random> TEMPLATE <template>`). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${inject('testRunId')}_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`create database "${name}" template "${inject('templateDatabase')}"`));
  const url = databaseUrl(inject('databaseAdminUrl'), name);
  const { db, close } = createDb(url);
  let dropped = false;
  return {
    name,
    url,
    db,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await close();
      await withAdmin((admin) => admin.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

/**
 * Registers beforeAll/afterAll hooks for one database per test file and
 * returns it; its fields are readable from inside hooks and tests.
 */
export function setupTestDatabase(): TestDatabase {
  let current: TestDatabase | null = null;
  beforeAll(async () => {
    current = await createTestDatabase();
  });
  afterAll(async () => {
    await current?.drop();
  });
  const get = () => {
    if (!current) throw new Error('the test database exists only inside hooks and tests');
    return current;
  };
  return {
    get name() {
      return get().name;
    },
    get url() {
      return get().url;
    },
    get db() {
      return get().db;
    },
    drop: () => get().drop(),
  };
}

/** The same as setupTestDatabase (kept for tests already written against this name). */
export const useTestDatabase = setupTestDatabase;

// ---------------------------------------------------------------------------
// Factory
// ---------------------------------------------------------------------------

const unique = () => randomBytes(4).toString('hex');

export type CreateUserInput = { name?: string; email?: string };
export type CreatedUser = { userId: string; name: string; email: string };

/** A person (who can then be added to any number of accounts). */
export async function createUser(db: Tx, input: CreateUserInput = {}): Promise<CreatedUser> {
  const suffix = unique();
  const name = input.name ?? `Person ${suffix}`;
  const email = (input.email ?? `person-${suffix}@test.example`).toLowerCase();
  const [row] = await db.insert(users).values({ name, email, emailVerified: new Date() }).returning({ id: users.id });
  return { userId: row.id, name, email };
}

export type MemberInput = {
  role: MemberRole;
  name?: string;
  email?: string;
  /** Add an existing person (e.g. one who is in another account too) instead of creating one. */
  userId?: string;
  /** Project roles, by project name; the projects are created in this account when missing. */
  projects?: { project: string; role: ProjectRole }[];
};

export type CreateAccountInput = {
  name?: string;
  isReseller?: boolean;
  resellerId?: string | null;
  /** Without an `owner` entry an owner is created (every account has exactly one). */
  members?: MemberInput[];
  /** Extra projects to create, by name (projects named in `members[].projects` are created anyway). */
  projects?: string[];
};

export type CreatedMember = CreatedUser & { role: MemberRole; projectRoles: { projectId: string; project: string; role: ProjectRole }[] };

export type CreatedAccount = {
  accountId: string;
  name: string;
  owner: CreatedMember;
  /** In the order of `input.members`; an owner created implicitly is only in `owner`. */
  members: CreatedMember[];
  /** Project ids by name. */
  projects: Record<string, string>;
};

/**
 * An account with its owner and members of the given roles, in one
 * transaction (the owner invariant is checked at commit).
 *
 *   const { accountId, owner, members: [admin, sub] } =
 *     await createAccount(db, { members: [{ role: 'account_admin' }, { role: 'subscriber' }] });
 */
export async function createAccount(db: Db, input: CreateAccountInput = {}): Promise<CreatedAccount> {
  const specs = input.members ?? [];
  const owners = specs.filter((m) => m.role === 'owner');
  if (owners.length > 1) throw new Error('createAccount: an account has exactly one owner');
  const name = input.name ?? `Account ${unique()}`;

  return db.transaction(async (tx) => {
    const [account] = await tx
      .insert(accounts)
      .values({ name, isReseller: input.isReseller ?? false, resellerId: input.resellerId ?? null })
      .returning({ id: accounts.id });

    const projectNames = new Set([...(input.projects ?? []), ...specs.flatMap((m) => (m.projects ?? []).map((p) => p.project))]);
    const projectIds: Record<string, string> = {};
    if (projectNames.size) {
      const rows = await tx
        .insert(projects)
        .values([...projectNames].map((projectName) => ({ accountId: account.id, name: projectName })))
        .returning({ id: projects.id, name: projects.name });
      for (const row of rows) projectIds[row.name] = row.id;
    }

    const addMember = async (spec: MemberInput): Promise<CreatedMember> => {
      let person: CreatedUser;
      if (spec.userId) {
        const existing = await tx.query.users.findFirst({ where: (u, { eq }) => eq(u.id, spec.userId!) });
        if (!existing) throw new Error(`createAccount: no user ${spec.userId}`);
        person = { userId: existing.id, name: existing.name ?? existing.email, email: existing.email };
      } else {
        person = await createUser(tx, { name: spec.name, email: spec.email });
      }
      await tx.insert(memberships).values({ accountId: account.id, userId: person.userId, role: spec.role });
      const projectRoles = (spec.projects ?? []).map((p) => ({ projectId: projectIds[p.project], project: p.project, role: p.role }));
      if (projectRoles.length) {
        await tx.insert(projectMemberships).values(
          projectRoles.map((p) => ({ projectId: p.projectId, accountId: account.id, userId: person.userId, role: p.role })),
        );
      }
      return { ...person, role: spec.role, projectRoles };
    };

    const implicitOwner = owners.length ? null : await addMember({ role: 'owner', name: `Owner of ${name}` });
    const members: CreatedMember[] = [];
    for (const spec of specs) members.push(await addMember(spec));
    const owner = implicitOwner ?? members.find((m) => m.role === 'owner')!;
    return { accountId: account.id, name, owner, members, projects: projectIds };
  });
}
