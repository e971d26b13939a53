// Called once when a Next.js server starts: the configuration is parsed here,
// so a bad value (such as a webhook signing secret that decodes to too few
// bytes) stops `npm run web` with a message naming it, instead of failing
// requests later. The worker does the same when it starts (worker/index.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') (await import('@/lib/env')).loadEnv();
}
