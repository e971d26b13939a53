import { cache } from 'react';
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import NextAuth from 'next-auth';
import Resend from 'next-auth/providers/resend';
import { db } from '@/db';
import { authAccounts, sessions, users, verificationTokens } from '@/db/schema';
import { SESSION_MAX_AGE_SECONDS, useSecureCookies } from '@/lib/auth-constants';
import { env } from '@/lib/env';
import { queueMagicLink } from '@/lib/magic-link';

const nextAuth = NextAuth({
  adapter: DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: authAccounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  }),
  session: { strategy: 'database', maxAge: SESSION_MAX_AGE_SECONDS },
  trustHost: true,
  useSecureCookies,
  pages: { signIn: '/sign-in', verifyRequest: '/sign-in/check-email', error: '/sign-in/error' },
  providers: [
    Resend({
      from: env.MAIL_FROM,
      maxAge: 24 * 60 * 60,
      normalizeIdentifier: (identifier) => identifier.trim().toLowerCase(),
      // The magic link goes through the same outbox and worker as every other e-mail,
      // so it lands in the local mailbox when no Resend key is set.
      // Only for people someone added to an account (see lib/magic-link.ts).
      async sendVerificationRequest({ identifier, url }) {
        await queueMagicLink(db, { email: identifier, url });
      },
    }),
  ],
  callbacks: {
    // Only what the app reads. With database sessions Auth.js passes in the whole session row,
    // token included, and GET /api/auth/session answers with whatever this returns: the
    // HttpOnly session token would be readable by any script on the page.
    session({ session, user }) {
      return { user: { id: user.id, name: user.name, email: user.email }, expires: session.expires.toISOString() };
    },
  },
});

export const { handlers, signIn, signOut } = nextAuth;

/** The signed-in session, fetched once per request. */
export const auth = cache(nextAuth.auth);
