import { useSecureCookies } from '@/lib/auth-constants';

/**
 * The account the person last switched to, so "/" reopens it. Only a preference:
 * it is always checked against the person's memberships before it is used.
 */
export const LAST_ACCOUNT_COOKIE = 'last_account';

export const lastAccountCookieOptions = {
  httpOnly: true,
  sameSite: 'lax' as const,
  path: '/',
  secure: useSecureCookies,
  maxAge: 365 * 24 * 60 * 60,
};
