import { db } from '@/db';
import type { ApiScope } from '@/db/schema';
import { authenticateApiKey, type ApiKeyPrincipal } from '@/lib/delivery/api-keys';
import { env } from '@/lib/env';
import { API_UNAUTHENTICATED_PER_CLIENT, apiPerKey, clientAddress, retryAfterText, takeRequest, type LimitDecision } from '@/lib/request-limits';
import { ApiProblem, apiError, type ApiResult } from './result';

const json = (result: ApiResult) =>
  result.status === 204
    ? new Response(null, { status: 204, headers: { 'cache-control': 'no-store', ...result.headers } })
    : Response.json(result.body, { status: result.status, headers: { 'cache-control': 'no-store', ...result.headers } });

/** Bodies of the publishing API; a directory snapshot of 10,000 members needs more (see DIRECTORY_SNAPSHOT_MAX_BYTES). */
export const MAX_BODY_BYTES = 64 * 1024;

const tooManyRequests = (decision: Extract<LimitDecision, { allowed: false }>) =>
  json({
    ...apiError(429, 'rate_limited', `Too many requests. Try again in ${retryAfterText(decision.retryAfterSeconds)}.`),
    headers: { 'retry-after': String(decision.retryAfterSeconds) },
  });

export type EndpointInput = { key: ApiKeyPrincipal; idempotencyKey: string | null; body: unknown };

export type EndpointOptions = {
  /** The scope the key must have (README → "API keys and scopes"). */
  scope: ApiScope;
  /** Whether the request carries a JSON body; GET and DELETE do not. */
  body: boolean;
  maxBodyBytes?: number;
};

/** PostgreSQL's answer to two requests that met on the same row: the caller may simply retry. */
const isRace = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === '40P01' || code === '40001';
};

/**
 * The shared front of every `/api/v1` route: bearer key, rate limit, scope,
 * body type, size and JSON parsing, then `handle`. Every refusal is a 4xx
 * in the one error shape, before anything is read or written.
 */
export async function apiEndpoint(request: Request, options: EndpointOptions, handle: (input: EndpointInput) => Promise<ApiResult>): Promise<Response> {
  const key = await authenticateApiKey(db, request.headers.get('authorization'));
  if (!key) {
    const limited = await takeRequest(db, `api:unauthenticated:${clientAddress(request.headers) ?? 'unknown'}`, API_UNAUTHENTICATED_PER_CLIENT);
    if (!limited.allowed) return tooManyRequests(limited);
    return json({
      ...apiError(401, 'unauthorized', 'Send a valid API key as `Authorization: Bearer <key>`.'),
      headers: { 'www-authenticate': 'Bearer' },
    });
  }
  const limited = await takeRequest(db, `api:key:${key.id}`, apiPerKey(env.API_RATE_LIMIT));
  if (!limited.allowed) return tooManyRequests(limited);
  if (!key.scopes.includes(options.scope)) {
    return json(
      apiError(403, 'insufficient_scope', `This API key lacks the "${options.scope}" scope. Create one with \`npm run apikey:create -- "name" --scope ${options.scope}\`.`),
    );
  }
  let body: unknown = undefined;
  if (options.body) {
    const type = request.headers.get('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) return json(apiError(415, 'unsupported_media_type', 'Send the body as application/json.'));
    const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
    const text = await request.text();
    if (Buffer.byteLength(text) > limit) return json(apiError(413, 'payload_too_large', `The body is larger than ${limit} bytes.`));
    try {
      body = JSON.parse(text);
    } catch {
      return json(apiError(400, 'invalid_json', 'The body is not valid JSON.'));
    }
  }
  try {
    return json(await handle({ key, idempotencyKey: request.headers.get('idempotency-key'), body }));
  } catch (error) {
    if (error instanceof ApiProblem) return json(error.toResult());
    if (isRace(error)) return json(apiError(409, 'conflict', 'A concurrent request changed the same data. Send the request again.'));
    throw error;
  }
}
