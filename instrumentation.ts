// Called once when a Next.js server starts: the configuration is parsed here,
// so a bad value (such as a webhook signing secret that decodes to too few
// bytes) stops `npm run web` with a message naming it, instead of failing
// requests later. The worker does the same when it starts (worker/index.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') (await import('@/lib/env')).loadEnv();
}

// Every error a request hit on the server, as one structured log line (lib/log.ts) with the route it
// happened on; never the request's headers, which carry cookies and API keys.
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string },
  context: { routerKind: string; routePath: string; routeType: string },
) {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { log } = await import('@/lib/log');
  const digest = (error as { digest?: unknown } | null)?.digest;
  log('web').error(
    { err: error, method: request.method, path: request.path.split('?')[0], route: context.routePath, routeType: context.routeType, digest },
    'request failed',
  );
}
