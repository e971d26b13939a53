// Whose language: each person's own (users.locale). They change it themselves in the user menu,
// and nobody else's; until they do, their first sign-in takes the browser's.
import { and, eq, isNull, notInArray, or } from 'drizzle-orm';
import type { Db } from '@/db';
import { users } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { locales, negotiateLocale, type Locale } from './locales';

/** Sets the signed-in person's language: the actor is the one changed (there is no user id to pass). */
export async function setOwnLocale(db: Db, params: { actorUserId: string; locale: Locale }): Promise<{ locale: Locale }> {
  const [row] = await db.update(users).set({ locale: params.locale }).where(eq(users.id, params.actorUserId)).returning({ id: users.id });
  if (!row) throw new DomainError('unauthenticated', 'Your session has ended. Sign in again.');
  return { locale: params.locale };
}

/**
 * On sign-in: a person without a language gets the first of ours their browser asks for.
 * One chosen before (in the menu, or at an earlier sign-in) is never overwritten; a language
 * since taken out of the list counts as none.
 */
export async function rememberBrowserLocale(db: Db, params: { userId: string; acceptLanguage: string | null }): Promise<void> {
  const locale = negotiateLocale(params.acceptLanguage);
  if (!locale) return;
  await db.update(users).set({ locale }).where(and(eq(users.id, params.userId), or(isNull(users.locale), notInArray(users.locale, [...locales]))));
}
