// Imported first by the worker and the command-line scripts: they read the
// same .env files, with the same precedence, as `next start` and `next dev`
// (.env.$NODE_ENV.local, .env.local, .env.$NODE_ENV, .env; variables already
// set win). Next.js's own loader, so the two cannot drift apart.
import nextEnv from '@next/env';

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production', { info: () => {}, error: console.error });
