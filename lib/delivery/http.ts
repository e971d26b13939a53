import { db } from '@/db';
import { authenticateApiKey } from './api-keys';
import type { ApiResult } from './publish';

const json = (result: ApiResult, headers: Record<string, string> = {}) =>
  Response.json(result.body, { status: result.status, headers: { 'cache-control': 'no-store', ...headers } });

const MAX_BODY_BYTES = 64 * 1024;

/**
 * The shared front of the publishing API: bearer key, body size and JSON
 * parsing, then `handle`. Every bad input is a 4xx with a JSON error.
 */
export async function publishingEndpoint(
  request: Request,
  handle: (input: { apiKeyId: string; idempotencyKey: string | null; body: unknown }) => Promise<ApiResult>,
): Promise<Response> {
  const key = await authenticateApiKey(db, request.headers.get('authorization'));
  if (!key) {
    return json(
      { status: 401, body: { error: { code: 'unauthorized', message: 'Send a valid API key as `Authorization: Bearer <key>`.' } } },
      { 'www-authenticate': 'Bearer' },
    );
  }
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
