import { z } from 'zod';

export const REF_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** The host platform's own reference for an account or a project (directory API). */
export const ref = z
  .string()
  .regex(REF_PATTERN, 'must be 1–128 characters of A–Z, a–z, 0–9, ".", "_", ":" and "-"')
  .meta({ description: 'The host platform’s own reference: 1–128 characters of `A-Za-z0-9._:-`.', examples: ['acme'] });
