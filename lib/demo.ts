import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { DEMO_EMAIL_DOMAIN } from '@/db/seed';
import { sessions, users } from '@/db/schema';
import { SESSION_MAX_AGE_SECONDS } from '@/lib/auth-constants';
import { DomainError } from '@/lib/errors';

export const isDemoEmail = (email: string) => email.toLowerCase().endsWith(`@${DEMO_EMAIL_DOMAIN}`);

/** The seeded people offered on the demo sign-in page, with their accounts and roles. */
export async function listDemoUsers(db: Tx) {
  const rows = await db.query.users.findMany({
    where: (u, { like }) => like(u.email, `%@${DEMO_EMAIL_DOMAIN}`),
    orderBy: (u, { asc }) => asc(u.createdAt),
  });
  return rows.map((u) => ({ id: u.id, name: u.name ?? u.email, email: u.email }));
}

/**
 * Creates a database session for a seeded demo user, exactly like the one a
 * magic link creates. The caller must have checked that demo mode is on.
 */
export async function createDemoSession(db: Tx, params: { userId: string }) {
  const [user] = await db.select().from(users).where(eq(users.id, params.userId));
  if (!user || !isDemoEmail(user.email)) throw new DomainError('forbidden', 'Demo sign-in is only for the demo users.');
  const sessionToken = randomBytes(32).toString('hex');
  const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
  await db.insert(sessions).values({ sessionToken, userId: user.id, expires });
  return { sessionToken, expires };
}
