import type { z } from 'zod';

// Zod's own wording ("Invalid input: expected string, received undefined", "Too big: expected
// string to have <=320 characters") is written for developers reading a stack trace. Requests
// that reach a server action or the API without going through our forms or docs (a script, a
// forged request, a client with a bug) get these messages instead: a predicate that follows the
// field's name, in the style of our own ("subject: must be a single line").
//
// Given per parse (`parseInput`), so a message a schema sets itself always wins.

const MAX_LISTED = 3;
const quote = (value: unknown) =>
  typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : String(value);
const list = (items: readonly unknown[], last: 'or' | 'and') => {
  const shown = items.slice(0, MAX_LISTED).map(quote);
  if (items.length > MAX_LISTED) return `${shown.join(', ')} ${last} ${items.length - MAX_LISTED} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} ${last} ${shown.at(-1)}` : (shown[0] ?? '');
};

const TYPE_NOUNS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
  tuple: 'a list',
  date: 'a date',
  null: 'null',
};

/** What a value is, for "must be a string, not …". */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return TYPE_NOUNS[typeof value] ?? typeof value;
}

const FORMATS: Record<string, string> = {
  uuid: 'must be a UUID',
  guid: 'must be a UUID',
  url: 'must be a URL',
  email: 'must be an e-mail address',
  datetime: 'must be an ISO 8601 date and time',
  date: 'must be an ISO 8601 date',
};

function sizeMessage(issue: { origin: string; exact?: boolean; inclusive?: boolean }, bound: number | bigint, side: 'least' | 'most'): string {
  const n = Number(bound);
  if (issue.origin === 'string') {
    if (side === 'least' && n === 1) return 'must not be empty';
    const unit = n === 1 ? 'character' : 'characters';
    return issue.exact ? `must be exactly ${n} ${unit}` : `must be at ${side} ${n} ${unit}`;
  }
  if (issue.origin === 'array' || issue.origin === 'set') {
    if (side === 'least' && n === 1) return 'must not be empty';
    const unit = n === 1 ? 'item' : 'items';
    return issue.exact ? `must have exactly ${n} ${unit}` : `must have at ${side} ${n} ${unit}`;
  }
  if (issue.inclusive === false) return `must be ${side === 'least' ? 'more' : 'less'} than ${n}`;
  return `must be at ${side} ${n}`;
}

/** A readable message for an issue the schema gave none, as a predicate ("is required"). */
export const readableIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is required';
      const expected = TYPE_NOUNS[issue.expected] ?? issue.expected;
      // A number that is not whole or not finite: saying "not a number" would be confusing.
      if (typeof issue.input === 'number') return `must be ${expected}`;
      return `must be ${expected}, not ${kindOf(issue.input)}`;
    }
    case 'too_small':
      return sizeMessage(issue, issue.minimum, 'least');
    case 'too_big':
      return sizeMessage(issue, issue.maximum, 'most');
    case 'invalid_format':
      return FORMATS[issue.format] ?? 'is not in the expected format';
    case 'invalid_value':
      if (issue.input === undefined) return 'is required';
      return issue.values.length === 1 ? `must be ${quote(issue.values[0])}` : `must be one of ${list(issue.values, 'or')}`;
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? `has an unknown field ${quote(issue.keys[0])}` : `has unknown fields ${list(issue.keys, 'and')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_key': {
      // The path ends at the key itself; what is wrong with it is the key schema's first issue.
      const reason = issue.issues[0]?.message;
      return reason ? `is not an allowed key: it ${reason}` : 'is not an allowed key';
    }
    case 'invalid_union':
    case 'invalid_element':
    case 'custom':
      return 'is not a valid value';
    default:
      return undefined;
  }
};

/** `schema.safeParse(input)` with readable messages wherever the schema sets none. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(input, { error: readableIssue });
}

/**
 * One issue as a sentence for a person: a schema's own message as it is ("Unknown account."),
 * a predicate from `readableIssue` after the field it is about ("userIds must not be empty.").
 */
export function issueSentence(issue: z.core.$ZodIssue): string {
  const message = issue.message;
  if (!/^[a-z]/.test(message)) return message;
  const field = issue.path.map(String).join('.');
  return `${field || 'The request'} ${message}.`;
}

/**
 * A refused parse as the forms read it: the first issue as a sentence (or `fallback`), and each
 * field's sentences under its dotted path ("_" for the input as a whole).
 */
export function refusal(error: z.ZodError, fallback: string): { error: string; fieldErrors: Record<string, string[]> } {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[issue.path.join('.') || '_'] ??= []).push(issueSentence(issue));
  const first = error.issues[0];
  return { error: first ? issueSentence(first) : fallback, fieldErrors };
}
