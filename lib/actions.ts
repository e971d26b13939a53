import 'server-only';
import { headers } from 'next/headers';
import { z } from 'zod';
import type { RequestMeta } from '@/lib/audit';
import { DomainError } from '@/lib/errors';
import { clientAddress } from '@/lib/request-limits';
import { currentUser, type SessionUser } from '@/lib/session';
import { parseInput, refusal } from '@/lib/validation';

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; code?: DomainError['code']; fieldErrors?: Record<string, string[]> };

/** Where the request came from, for the audit log. */
export async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return { ip: clientAddress(h), userAgent: h.get('user-agent') };
}

/**
 * Wraps a server action: signed-in user → input parsed by zod → run. Expected
 * failures (DomainError) come back as `{ ok: false, error }` for the form;
 * anything else throws to the error boundary. Authorization is not done here
 * but in the domain function `run` calls, which knows the account and the rule.
 */
export function userAction<S extends z.ZodType, T>(
  schema: S,
  run: (input: z.infer<S>, ctx: { user: SessionUser; meta: RequestMeta }) => Promise<{ data: T; message?: string }>,
) {
  return async (raw: z.input<S>): Promise<ActionResult<T>> => {
    const user = await currentUser();
    if (!user) return { ok: false, code: 'unauthenticated', error: 'Your session has ended. Sign in again.' };
    const parsed = parseInput(schema, raw);
    if (!parsed.success) return { ok: false, code: 'invalid', ...refusal(parsed.error, 'The request is not valid.') };
    try {
      const { data, message } = await run(parsed.data, { user, meta: await requestMeta() });
      return { ok: true, data, message };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, code: error.code, error: error.message };
      throw error;
    }
  };
}
