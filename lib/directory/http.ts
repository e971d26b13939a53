// What the directory's route handlers share: the key's scope, path
// parameters checked like body fields, and the actor for the audit log.
import type { z } from 'zod';
import { apiEndpoint, type EndpointInput } from '@/lib/api/endpoint';
import { fieldProblem, validationError, ApiProblem, type ApiResult } from '@/lib/api/result';
import { clientAddress } from '@/lib/request-limits';
import { parseInput } from '@/lib/validation';
import type { DirectoryActor } from './accounts';
import { memberEmail, ref } from './schema';

/** Largest directory body: a snapshot of 10,000 members is about 1 MB. */
export const DIRECTORY_SNAPSHOT_MAX_BYTES = 8 * 1024 * 1024;

export type DirectoryInput = EndpointInput & { actor: DirectoryActor };

/** A directory route: `directory` scope, then `handle` with the actor for the audit log. */
export function directoryEndpoint(
  request: Request,
  options: { body: boolean; maxBodyBytes?: number },
  handle: (input: DirectoryInput) => Promise<ApiResult>,
): Promise<Response> {
  return apiEndpoint(request, { scope: 'directory', ...options }, (input) =>
    handle({ ...input, actor: { apiKeyId: input.key.id, meta: { ip: clientAddress(request.headers), userAgent: request.headers.get('user-agent') } } }),
  );
}

/** A path parameter, refused like a body field ("ref: must be 1–128 characters …"). */
function pathParam<S extends z.ZodType>(schema: S, value: string, field: string): z.output<S> {
  const parsed = parseInput(schema, value);
  if (!parsed.success) throw fieldProblem(field, parsed.error.issues[0].message);
  return parsed.data;
}

export const accountRefParam = (value: string) => pathParam(ref, value, 'ref');
export const projectRefParam = (value: string) => pathParam(ref, value, 'project_ref');
export const emailParam = (value: string) => pathParam(memberEmail, value, 'email');

/** The body parsed by `schema`, or the 422 that names every bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = parseInput(schema, body);
  if (!parsed.success) {
    const refused = validationError(parsed.error);
    const error = refused.body.error as { code: string; message: string; details: { field: string; message: string }[] };
    throw new ApiProblem(refused.status, error.code, error.message, error.details);
  }
  return parsed.data;
}

export const ok = (body: object, status = 200): ApiResult => ({ status, body: body as Record<string, unknown> });
export const noContent: ApiResult = { status: 204, body: {} };
