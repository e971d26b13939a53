// The name a person gives themselves on Profile & Settings. Pure: shared by the
// form (in the browser, for instant messages) and its server action (the check that counts).
import '@/lib/zod-csp';
import { z } from 'zod';
import { isStorableText } from '@/lib/storable-text';

/** Line breaks and other control characters would break e-mail headers and the audit log's sentences. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export const NAME_MAX_LENGTH = 120;

export const profileName = z
  .string({ error: 'Enter your name.' })
  .max(1000, `Your name can have at most ${NAME_MAX_LENGTH} characters.`)
  .refine((s) => !CONTROL_CHARACTERS.test(s), 'Your name cannot contain line breaks or other control characters.')
  .refine(isStorableText, 'Your name contains a character that cannot be stored. Type it again.')
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, 'Enter your name.')
      .max(NAME_MAX_LENGTH, `Your name can have at most ${NAME_MAX_LENGTH} characters.`),
  );
