import { appUrl } from '@/lib/env';

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
export const useSecureCookies = appUrl().startsWith('https:');
/** The cookie Auth.js reads the database session token from (also set by the demo sign-in). */
export const sessionCookieName = `${useSecureCookies ? '__Secure-' : ''}authjs.session-token`;
