// Whose language: a person sets their own and nobody else's; the first sign-in takes the browser's.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { createUser, setupTestDatabase } from '@/test/db';
import { rememberBrowserLocale, setOwnLocale } from './user-locale';

const t = setupTestDatabase();
const localeOf = async (userId: string) => (await t.db.select({ locale: users.locale }).from(users).where(eq(users.id, userId)))[0].locale;

describe('setOwnLocale', () => {
  it('sets the actor’s language and nobody else’s', async () => {
    const [anna, boris] = [await createUser(t.db), await createUser(t.db)];
    expect(await setOwnLocale(t.db, { actorUserId: anna.userId, locale: 'ru' })).toEqual({ locale: 'ru' });
    expect(await localeOf(anna.userId)).toBe('ru');
    expect(await localeOf(boris.userId)).toBeNull();
    await setOwnLocale(t.db, { actorUserId: anna.userId, locale: 'en' });
    expect(await localeOf(anna.userId)).toBe('en');
  });

  it('refuses a person who no longer exists', async () => {
    const error = await setOwnLocale(t.db, { actorUserId: 'gone', locale: 'ru' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('unauthenticated');
  });
});

describe('rememberBrowserLocale', () => {
  it('gives a person without a language the browser’s, once', async () => {
    const person = await createUser(t.db);
    await rememberBrowserLocale(t.db, { userId: person.userId, acceptLanguage: 'ru-RU,ru;q=0.9,en;q=0.8' });
    expect(await localeOf(person.userId)).toBe('ru');
    await rememberBrowserLocale(t.db, { userId: person.userId, acceptLanguage: 'en-GB' });
    expect(await localeOf(person.userId)).toBe('ru');
  });

  it('never overwrites a language chosen in the menu', async () => {
    const person = await createUser(t.db);
    await setOwnLocale(t.db, { actorUserId: person.userId, locale: 'en' });
    await rememberBrowserLocale(t.db, { userId: person.userId, acceptLanguage: 'ru' });
    expect(await localeOf(person.userId)).toBe('en');
  });

  it('stores nothing when the browser asks for none of ours, and replaces a language no longer offered', async () => {
    const person = await createUser(t.db);
    await rememberBrowserLocale(t.db, { userId: person.userId, acceptLanguage: 'de-DE,fr;q=0.5' });
    await rememberBrowserLocale(t.db, { userId: person.userId, acceptLanguage: null });
    expect(await localeOf(person.userId)).toBeNull();
    await t.db.update(users).set({ locale: 'xx' }).where(eq(users.id, person.userId));
    await rememberBrowserLocale(t.db, { userId: person.userId, acceptLanguage: 'ru' });
    expect(await localeOf(person.userId)).toBe('ru');
  });
});
