// Messages for requests that did not come through our forms or docs: readable predicates
// after the field's name, and a schema's own message whenever it has one.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { issueSentence, parseInput, refusal } from './validation';

const messages = (schema: z.ZodType, input: unknown) => {
  const parsed = parseInput(schema, input);
  if (parsed.success) throw new Error('expected the input to be refused');
  return parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
};

describe('parseInput', () => {
  const body = z
    .object({
      id: z.string().uuid(),
      name: z.string().min(1).max(5),
      count: z.number().int().min(1).max(10),
      tags: z.array(z.string()).min(1).max(2),
      mode: z.enum(['a', 'b', 'c']),
      kind: z.literal('x'),
      home: z.string().url(),
      email: z.string().email(),
      labels: z.record(z.string().max(3), z.string()),
    })
    .strict();
  const valid = { id: '00000000-0000-4000-8000-000000000000', name: 'ok', count: 3, tags: ['t'], mode: 'a', kind: 'x', home: 'https://x.example', email: 'a@b.example', labels: {} };

  it('words every kind of issue for a person, after the field', () => {
    expect(messages(body, {})).toEqual([
      'id: is required',
      'name: is required',
      'count: is required',
      'tags: is required',
      'mode: is required',
      'kind: is required',
      'home: is required',
      'email: is required',
      'labels: is required',
    ]);
    expect(messages(body, { ...valid, id: 'x', name: '', count: 0, tags: [], mode: 'z', kind: 'y', home: 'nope', email: 'nope' })).toEqual([
      'id: must be a UUID',
      'name: must not be empty',
      'count: must be at least 1',
      'tags: must not be empty',
      'mode: must be one of "a", "b" or "c"',
      'kind: must be "x"',
      'home: must be a URL',
      'email: must be an e-mail address',
    ]);
    expect(messages(body, { ...valid, name: 'toolong', count: 11, tags: ['a', 'b', 'c'], labels: { long: 'v' } })).toEqual([
      'name: must be at most 5 characters',
      'count: must be at most 10',
      'tags: must have at most 2 items',
      'labels.long: is not an allowed key: it must be at most 3 characters',
    ]);
    expect(messages(body, { ...valid, name: 5, count: 1.5, tags: 'a', labels: [] })).toEqual([
      'name: must be a string',
      'count: must be a whole number',
      'tags: must be a list, not a string',
      'labels: must be an object, not a list',
    ]);
    expect(messages(body, null)).toEqual(['(body): must be an object, not null']);
    expect(messages(body, { ...valid, extra: 1, more: 2, ['x'.repeat(50)]: 3, last: 4 })).toEqual([
      `(body): has unknown fields "extra", "more", "${'x'.repeat(40)}…" and 1 more`,
    ]);
  });

  it("keeps a schema's own message", () => {
    const own = z.object({ id: z.string().uuid('Unknown account.'), text: z.string().refine((s) => s !== 'no', 'must not be no') });
    expect(messages(own, { id: 'x', text: 'no' })).toEqual(['id: Unknown account.', 'text: must not be no']);
  });
});

describe('issueSentence', () => {
  const first = (schema: z.ZodType, input: unknown) => {
    const parsed = parseInput(schema, input);
    if (parsed.success) throw new Error('expected the input to be refused');
    return issueSentence(parsed.error.issues[0]);
  };

  it('puts a predicate after its field, and leaves a sentence as it is', () => {
    expect(first(z.object({ userIds: z.array(z.string()).min(1) }), { userIds: [] })).toBe('userIds must not be empty.');
    expect(first(z.object({ a: z.object({ b: z.string() }) }), { a: {} })).toBe('a.b is required.');
    expect(first(z.object({ a: z.string() }), 'text')).toBe('The request must be an object, not a string.');
    expect(first(z.object({ id: z.string().uuid('Unknown account.') }), { id: 'x' })).toBe('Unknown account.');
  });
});

describe('refusal', () => {
  it('gives the first issue as the message and every field its sentences, by dotted path', () => {
    const schema = z.object({ name: z.string().min(2).regex(/^[a-z]+$/), a: z.object({ b: z.string() }) });
    const parsed = parseInput(schema, { name: '1', a: {} });
    if (parsed.success) throw new Error('expected the input to be refused');
    expect(refusal(parsed.error, 'fallback')).toEqual({
      error: 'name must be at least 2 characters.',
      fieldErrors: { name: ['name must be at least 2 characters.', 'name is not in the expected format.'], 'a.b': ['a.b is required.'] },
    });
  });
});
