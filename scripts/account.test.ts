// The operators' first-run commands against a real database, run as an operator runs them.
import { sql } from 'drizzle-orm';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/test/db';
import { queryRows } from '@/db';

const run = promisify(execFile);
const t = setupTestDatabase();
const cli = (script: string, args: string[]) =>
  run('node_modules/.bin/tsx', [script, ...args], { env: { ...process.env, DATABASE_URL: t.url } }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );

describe('npm run account:create / account:list / apikey:create --scope', () => {
  it('creates an account with its Owner, lists it, and refuses bad input changing nothing', async () => {
    const created = await cli('scripts/account.ts', ['create', '--ref', 'acme', '--name', 'Acme', '--owner', 'Alice@Acme.example']);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/Created account "Acme" \(ref acme/);
    const [owner] = await queryRows(t.db, sql`select u.email, m.role from memberships m join users u on u.id = m.user_id join accounts a on a.id = m.account_id where a.ref = 'acme'`);
    expect(owner).toEqual({ email: 'alice@acme.example', role: 'owner' });

    const bad = await cli('scripts/account.ts', ['create', '--ref', 'bad ref', '--name', 'X', '--owner', 'x@x.example']);
    expect([bad.code, bad.err]).toEqual([1, expect.stringMatching(/^--ref must be/)]);
    const noOwner = await cli('scripts/account.ts', ['create', '--ref', 'beta', '--name', 'Beta']);
    expect(noOwner.code).toBe(1);
    expect((await queryRows(t.db, sql`select count(*)::int as n from accounts`))[0].n).toBe(1);

    const list = await cli('scripts/account.ts', ['list']);
    expect(list.err).toBe('');
    expect(list.out).toMatch(/^acme {2}Acme {2}owner alice@acme\.example {2}1 member\(s\)/m);
  });

  it('creates keys with the scopes asked for, and refuses an unknown scope', async () => {
    const key = await cli('scripts/apikey.ts', ['create', 'Directory', 'sync', '--scope', 'publish,directory']);
    expect(key.out).toMatch(/with scope publish, directory/);
    const [row] = await queryRows(t.db, sql`select name, scopes from api_keys where name = 'Directory sync'`);
    expect(row.scopes).toEqual(['publish', 'directory']);
    const bad = await cli('scripts/apikey.ts', ['create', 'X', '--scope', 'admin']);
    expect(bad.code).toBe(1);
  });
});
