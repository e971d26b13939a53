import type { z } from 'zod';

/** An answer of the HTTP API: status, JSON body, and extra headers (Location). */
export type ApiResult = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

export type FieldProblem = { field: string; message: string };

/** The one error shape of every route: `{ error: { code, message, details? } }`. */
export const apiError = (status: number, code: string, message: string, details?: FieldProblem[]): ApiResult => ({
  status,
  body: { error: { code, message, ...(details ? { details } : {}) } },
});

/** A refusal thrown from deep inside a domain function; the endpoint answers it as `apiError`. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
  toResult(): ApiResult {
    return apiError(this.status, this.code, this.message, this.details);
  }
}

/** 422 naming one field: "members.3.projects.0.ref: is not a project of this account". */
export const fieldProblem = (field: string, message: string, code = 'validation_error') =>
  new ApiProblem(422, code, `${field}: ${message}`, [{ field, message }]);

/** A refused zod parse as the API's 422, every issue named by its field. */
export function validationError(error: z.ZodError): ApiResult {
  const details = error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  return apiError(422, 'validation_error', `${details[0].field}: ${details[0].message}`, details);
}
