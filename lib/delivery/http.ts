import { db } from '@/db';
import { env } from '@/lib/env';
import { API_UNAUTHENTICATED_PER_CLIENT, apiPerKey, clientAddress, retryAfterText, takeRequest, type LimitDecision } from '@/lib/request-limits';
import { authenticateApiKey } from './api-keys';
import type { ApiResult } from './publish';

const json = (result: ApiResult, headers: Record<string, string> = {}) =>
  Response.json(result.body, { status: result.status, headers: { 'cache-control': 'no-store', ...headers } });

const MAX_BODY_BYTES = 64 * 1024;

const tooManyRequests = (decision: Extract<LimitDecision, { allowed: false }>) =>
  json(
    {
      status: 429,
      body: {
        error: {
          code: 'rate_limited',
          message: `Too many requests. Try again in ${retryAfterText(decision.retryAfterSeconds)}.`,
        },
      },
    },
    { 'retry-after': String(decision.retryAfterSeconds) },
  );

/**
 * The shared front of the publishing API: bearer key, rate limit, body size
 * and JSON parsing, then `handle`. Every bad input is a 4xx with a JSON error.
 */
export async function publishingEndpoint(
  request: Request,
  handle: (input: { apiKeyId: string; idempotencyKey: string | null; body: unknown }) => Promise<ApiResult>,
): Promise<Response> {
  const key = await authenticateApiKey(db, request.headers.get('authorization'));
  if (!key) {
    const limited = await takeRequest(db, `api:unauthenticated:${clientAddress(request.headers) ?? 'unknown'}`, API_UNAUTHENTICATED_PER_CLIENT);
    if (!limited.allowed) return tooManyRequests(limited);
    return json(
      { status: 401, body: { error: { code: 'unauthorized', message: 'Send a valid API key as `Authorization: Bearer <key>`.' } } },
      { 'www-authenticate': 'Bearer' },
    );
  }
  const limited = await takeRequest(db, `api:key:${key.id}`, apiPerKey(env.API_RATE_LIMIT));
  if (!limited.allowed) return tooManyRequests(limited);
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return json({ status: 415, body: { error: { code: 'unsupported_media_type', message: 'Send the body as application/json.' } } });
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    return json({ status: 413, body: { error: { code: 'payload_too_large', message: `The body is larger than ${MAX_BODY_BYTES} bytes.` } } });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return json({ status: 400, body: { error: { code: 'invalid_json', message: 'The body is not valid JSON.' } } });
  }
  return json(await handle({ apiKeyId: key.id, idempotencyKey: request.headers.get('idempotency-key'), body }));
}
