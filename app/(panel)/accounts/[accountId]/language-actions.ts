'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { db } from '@/db';
import { userAction } from '@/lib/actions';
import { DomainError } from '@/lib/errors';
import { isLocale, languageName, locales } from '@/lib/i18n/locales';
import { requestTranslator } from '@/lib/i18n/request-locale';
import { setOwnLocale } from '@/lib/i18n/user-locale';

/** The user menu's language switch: the signed-in person sets their own language (there is no user id to pass). */
export const setLanguageAction = userAction(z.object({ locale: z.string().max(100) }), async (input, { user }) => {
  if (!isLocale(input.locale)) {
    const t = await requestTranslator();
    throw new DomainError('invalid', t('language.invalid', { languages: locales.map(languageName).join(', ') }));
  }
  const result = await setOwnLocale(db, { actorUserId: user.id, locale: input.locale });
  // Every page speaks the new language, starting with the one on screen.
  revalidatePath('/', 'layout');
  return { data: result };
});
