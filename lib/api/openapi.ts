// The OpenAPI 3.1 document of the whole HTTP API (GET /api/v1/openapi.json),
// made from the same zod schemas that validate the requests and shape the
// answers. lib/api/openapi.test.ts fails when a route under app/api/v1 is
// missing here, and checks real answers against the document.
import { z } from 'zod';
import type { ApiScope } from '@/db/schema';
import { MAX_BODY_BYTES } from '@/lib/api/endpoint';
import { notificationStatusResponse } from '@/lib/delivery/status';
import { BROADCAST_MAX_BODY_BYTES, broadcastAcceptedResponse, broadcastBody, broadcastStatusResponse } from '@/lib/delivery/broadcast-schema';
import { publishNotificationBody, publishNotificationResponse } from '@/lib/delivery/publish-schema';
import { DIRECTORY_SNAPSHOT_MAX_BYTES } from '@/lib/directory/http';
import { MEMBER_PAGE_DEFAULT, MEMBER_PAGE_MAX } from '@/lib/directory/members';
import {
  accountBody,
  accountResponse,
  memberBody,
  memberListResponse,
  memberResponse,
  projectBody,
  projectResponse,
  ref,
  snapshotBody,
  snapshotResponse,
} from '@/lib/directory/schema';
import { publishEventBody, publishEventResponse } from '@/lib/events/publish';

/** The one error shape of every route (lib/api/result.ts). */
export const apiErrorResponse = z
  .object({
    error: z
      .object({
        code: z.string().meta({ description: 'Stable, for programs: `validation_error`, `account_closed`, …' }),
        message: z.string().meta({ description: 'For people: what was wrong, naming the field.' }),
        details: z
          .array(z.object({ field: z.string(), message: z.string() }).strict())
          .optional()
          .meta({ description: 'For a 422: every refused field, by its path (`members.3.projects.0.ref`).' }),
      })
      .strict(),
  })
  .strict();

/** Named schemas, shown once under components.schemas and referred to from the operations. */
const schemas = {
  PublishNotification: { schema: publishNotificationBody, io: 'input' },
  NotificationAccepted: { schema: publishNotificationResponse, io: 'output' },
  PublishEvent: { schema: publishEventBody, io: 'input' },
  EventAccepted: { schema: publishEventResponse, io: 'output' },
  NotificationStatus: { schema: notificationStatusResponse, io: 'output' },
  Broadcast: { schema: broadcastBody, io: 'input' },
  BroadcastAccepted: { schema: broadcastAcceptedResponse, io: 'output' },
  BroadcastStatus: { schema: broadcastStatusResponse, io: 'output' },
  AccountInput: { schema: accountBody, io: 'input' },
  Account: { schema: accountResponse, io: 'output' },
  MemberInput: { schema: memberBody, io: 'input' },
  Member: { schema: memberResponse, io: 'output' },
  MemberList: { schema: memberListResponse, io: 'output' },
  ProjectInput: { schema: projectBody, io: 'input' },
  Project: { schema: projectResponse, io: 'output' },
  DirectorySnapshot: { schema: snapshotBody, io: 'input' },
  SnapshotResult: { schema: snapshotResponse, io: 'output' },
  Error: { schema: apiErrorResponse, io: 'output' },
} as const satisfies Record<string, { schema: z.ZodType; io: 'input' | 'output' }>;
type SchemaName = keyof typeof schemas;

type Method = 'get' | 'put' | 'post' | 'delete';
type Answer = { description: string; schema?: SchemaName; headers?: Record<string, { description: string; schema: object }> };
type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tag: 'Publishing' | 'Directory';
  /** The key's scope; null for a public document. */
  scope: ApiScope | null;
  params?: { name: string; in: 'path' | 'query'; description: string; schema: object; required?: boolean }[];
  idempotent?: boolean;
  body?: { schema: SchemaName; maxBytes: number };
  answers: Record<number, Answer>;
  /** Error answers beyond the ones every keyed route shares, each with its codes. */
  errors?: Record<number, string>;
};

const refParam = (name: string, description: string) => ({ name, in: 'path' as const, description, required: true, schema: toSchema(ref, 'input') });
const accountRef = refParam('ref', 'The account, by the platform’s ref.');
const emailPath = { name: 'email', in: 'path' as const, required: true, description: 'The member’s e-mail address (compared in lower case).', schema: { type: 'string', format: 'email' } };
const location = { location: { description: 'Where the notification’s status is: `/api/v1/notifications/{id}`.', schema: { type: 'string' } } };

const validation = 'validation_error: a field is refused; `details` names every one.';

/** Every operation of the HTTP API, by path. The order is the document's. */
export const operations: Record<string, Partial<Record<Method, Operation>>> = {
  '/api/v1/notifications': {
    post: {
      operationId: 'publishNotification',
      tag: 'Publishing',
      summary: 'Publish a notification of the catalog',
      description:
        'Resolves the recipients (subscriptions, the Owner, availability, project roles) and queues every delivery in one transaction. ' +
        'Delivery is asynchronous: follow `Location` for its progress.',
      scope: 'publish',
      idempotent: true,
      body: { schema: 'PublishNotification', maxBytes: MAX_BODY_BYTES },
      answers: { 202: { description: 'Accepted; the same answer again for a repeat with the same Idempotency-Key and body.', schema: 'NotificationAccepted', headers: location } },
      errors: {
        400: 'invalid_json, invalid_idempotency_key',
        404: 'account_not_found, project_not_found',
        409: 'account_closed: the account is closed; conflict: a concurrent request with the same Idempotency-Key failed',
        422: `${validation} idempotency_key_reused: the Idempotency-Key was used with another body.`,
      },
    },
  },
  '/api/v1/notifications/{id}': {
    get: {
      operationId: 'getNotification',
      tag: 'Publishing',
      summary: 'A published notification’s status and delivery counts',
      description: 'Only the key that published the notification can read it.',
      scope: 'publish',
      params: [{ name: 'id', in: 'path', required: true, description: 'The `id` of the publish’s answer.', schema: { type: 'string', format: 'uuid' } }],
      answers: { 200: { description: 'The notification and its deliveries per channel and status.', schema: 'NotificationStatus' } },
      errors: { 404: 'notification_not_found: no such notification published with this key' },
    },
  },
  '/api/v1/broadcasts': {
    post: {
      operationId: 'publishBroadcast',
      tag: 'Publishing',
      summary: 'Publish one notification to many accounts',
      description:
        'The same notification (type, availability, texts) to a list of up to 100,000 accounts, by id or ref, or to every open account. ' +
        'Each account gets its own copy (a notification of that account, with the recipients a publish to it would have), fanned out by the workers in chunks. ' +
        'Closed accounts are skipped and counted. Follow `Location` for its progress.',
      scope: 'publish',
      idempotent: true,
      body: { schema: 'Broadcast', maxBytes: BROADCAST_MAX_BODY_BYTES },
      answers: {
        202: {
          description: 'Accepted; the same answer again for a repeat with the same Idempotency-Key and body.',
          schema: 'BroadcastAccepted',
          headers: { location: { description: 'Where the broadcast’s progress is: `/api/v1/broadcasts/{id}`.', schema: { type: 'string' } } },
        },
      },
      errors: {
        400: 'invalid_json, invalid_idempotency_key',
        404: 'account_not_found: an account of the list does not exist; `details` names each (the first 100). Nothing is sent.',
        409: 'conflict: a concurrent request with the same Idempotency-Key failed',
        422: `${validation} idempotency_key_reused: the Idempotency-Key was used with another body.`,
      },
    },
  },
  '/api/v1/broadcasts/{id}': {
    get: {
      operationId: 'getBroadcast',
      tag: 'Publishing',
      summary: 'A broadcast’s progress: accounts done, deliveries by channel and status',
      description: 'Only the key that made the broadcast can read it. Each copy’s own status is at `/api/v1/notifications/{id}` for the same key.',
      scope: 'publish',
      params: [{ name: 'id', in: 'path', required: true, description: 'The `id` of the broadcast’s answer.', schema: { type: 'string', format: 'uuid' } }],
      answers: { 200: { description: 'The broadcast, how many accounts have their copy, and all copies’ deliveries per channel and status.', schema: 'BroadcastStatus' } },
      errors: { 404: 'broadcast_not_found: no such broadcast made with this key' },
    },
  },
  '/api/v1/events': {
    post: {
      operationId: 'publishEvent',
      tag: 'Publishing',
      summary: 'Publish a reseller event about one of its customers',
      description: 'Accepted whether or not the reseller has the event switched on; `outcome` says what was done.',
      scope: 'publish',
      idempotent: true,
      body: { schema: 'PublishEvent', maxBytes: MAX_BODY_BYTES },
      answers: { 202: { description: 'Accepted.', schema: 'EventAccepted', headers: location } },
      errors: {
        400: 'invalid_json, invalid_idempotency_key',
        404: 'reseller_not_found, customer_not_found',
        409: 'account_closed, conflict',
        422: `${validation} idempotency_key_reused.`,
      },
    },
  },
  '/api/v1/accounts/{ref}': {
    get: {
      operationId: 'getAccount',
      tag: 'Directory',
      summary: 'An account',
      scope: 'directory',
      params: [accountRef],
      answers: { 200: { description: 'The account, open or closed.', schema: 'Account' } },
      errors: { 404: 'account_not_found', 422: validation },
    },
    put: {
      operationId: 'putAccount',
      tag: 'Directory',
      summary: 'Create or update an account',
      description: 'A new account needs its `owner`. Repeating the same request changes nothing and writes no audit entry.',
      scope: 'directory',
      params: [accountRef],
      body: { schema: 'AccountInput', maxBytes: MAX_BODY_BYTES },
      answers: { 200: { description: 'Updated (or unchanged).', schema: 'Account' }, 201: { description: 'Created.', schema: 'Account' } },
      errors: {
        400: 'invalid_json',
        409: 'account_closed: a closed account is not reopened; conflict: a concurrent request changed the same data, send again',
        422: `${validation} Also a \`reseller_ref\` that is not a reseller, a reseller made the customer of another, or \`is_reseller: false\` while it has customers.`,
      },
    },
    delete: {
      operationId: 'closeAccount',
      tag: 'Directory',
      summary: 'Close an account',
      description: 'No new notifications are accepted (`409 account_closed`), members lose access at once; the audit and delivery logs are kept.',
      scope: 'directory',
      params: [accountRef],
      answers: { 200: { description: 'The closed account (closing again changes nothing).', schema: 'Account' } },
      errors: { 404: 'account_not_found', 409: 'reseller_has_customers: close the reseller’s customers first', 422: validation },
    },
  },
  '/api/v1/accounts/{ref}/members': {
    get: {
      operationId: 'listMembers',
      tag: 'Directory',
      summary: 'The account’s members, a page at a time',
      scope: 'directory',
      params: [
        accountRef,
        { name: 'limit', in: 'query', description: `Members per page (default ${MEMBER_PAGE_DEFAULT}).`, schema: { type: 'integer', minimum: 1, maximum: MEMBER_PAGE_MAX } },
        { name: 'cursor', in: 'query', description: 'The `next_cursor` of the previous page.', schema: { type: 'string' } },
      ],
      answers: { 200: { description: 'Members in e-mail order.', schema: 'MemberList' } },
      errors: { 404: 'account_not_found', 422: `${validation} (limit, cursor)` },
    },
  },
  '/api/v1/accounts/{ref}/members/{email}': {
    get: {
      operationId: 'getMember',
      tag: 'Directory',
      summary: 'One member',
      scope: 'directory',
      params: [accountRef, emailPath],
      answers: { 200: { description: 'The member with their project roles.', schema: 'Member' } },
      errors: { 404: 'account_not_found, member_not_found', 422: validation },
    },
    put: {
      operationId: 'putMember',
      tag: 'Directory',
      summary: 'Add or change a member',
      description:
        '`role: owner` moves ownership in one transaction (the previous Owner gets `previous_owner_role`). ' +
        'A member made Subscriber loses the subscriptions a Subscriber may not have, and their Telegram stops receiving the account’s notifications.',
      scope: 'directory',
      params: [accountRef, emailPath],
      body: { schema: 'MemberInput', maxBytes: MAX_BODY_BYTES },
      answers: { 200: { description: 'Changed (or unchanged).', schema: 'Member' }, 201: { description: 'Added.', schema: 'Member' } },
      errors: {
        400: 'invalid_json',
        404: 'account_not_found',
        409: 'account_closed, conflict',
        422: `${validation} owner_required: the change would leave the account without an Owner; project_not_found: a project role for a project not in the account.`,
      },
    },
    delete: {
      operationId: 'removeMember',
      tag: 'Directory',
      summary: 'Remove a member',
      description: 'Their subscriptions end, their sessions stop reaching the account, and deliveries queued for them there are skipped.',
      scope: 'directory',
      params: [accountRef, emailPath],
      answers: { 204: { description: 'Removed.' } },
      errors: { 404: 'account_not_found, member_not_found', 409: 'account_closed, conflict', 422: `${validation} owner_required: the Owner cannot be removed.` },
    },
  },
  '/api/v1/accounts/{ref}/projects/{projectRef}': {
    put: {
      operationId: 'putProject',
      tag: 'Directory',
      summary: 'Create or rename a project',
      scope: 'directory',
      params: [accountRef, refParam('projectRef', 'The project, by the platform’s ref.')],
      body: { schema: 'ProjectInput', maxBytes: MAX_BODY_BYTES },
      answers: { 200: { description: 'Renamed (or unchanged).', schema: 'Project' }, 201: { description: 'Created.', schema: 'Project' } },
      errors: { 400: 'invalid_json', 404: 'account_not_found', 409: 'account_closed, project_name_taken, conflict', 422: validation },
    },
    delete: {
      operationId: 'removeProject',
      tag: 'Directory',
      summary: 'Remove a project and its project memberships',
      scope: 'directory',
      params: [accountRef, refParam('projectRef', 'The project, by the platform’s ref.')],
      answers: { 204: { description: 'Removed.' } },
      errors: { 404: 'account_not_found, project_not_found', 409: 'account_closed, conflict', 422: validation },
    },
  },
  '/api/v1/accounts/{ref}/directory': {
    put: {
      operationId: 'putDirectory',
      tag: 'Directory',
      summary: 'Replace the account’s whole member list (a snapshot)',
      description:
        'The server computes the difference set-based in one transaction: members not in the snapshot are removed, with the same rules as one removal. ' +
        'The same snapshot twice changes nothing and writes no audit entry. Holds up to 20,000 members.',
      scope: 'directory',
      params: [accountRef],
      body: { schema: 'DirectorySnapshot', maxBytes: DIRECTORY_SNAPSHOT_MAX_BYTES },
      answers: { 200: { description: 'What the snapshot changed.', schema: 'SnapshotResult' } },
      errors: {
        400: 'invalid_json',
        404: 'account_not_found',
        409: 'account_closed, project_name_taken, conflict',
        422: `${validation} project_not_found: a project role for a project not in the account.`,
      },
    },
  },
  '/api/v1/openapi.json': {
    get: {
      operationId: 'getOpenApi',
      tag: 'Publishing',
      summary: 'This document',
      scope: null,
      answers: { 200: { description: 'The OpenAPI 3.1 document of the API.' } },
    },
  },
};

/** zod → JSON Schema 2020-12 (OpenAPI 3.1's dialect), requests as sent and answers as received. */
function toSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  // The dialect is the document's (jsonSchemaDialect), not each schema's.
  const json = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

const $ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const errorAnswer = (description: string) => ({ description, content: { 'application/json': { schema: $ref('Error') } } });

/** The answers every route with a key shares (lib/api/endpoint.ts), in the order it checks them. */
function sharedErrors(op: Operation): Record<number, string> {
  if (!op.scope) return {};
  const errors: Record<number, string> = {
    401: 'unauthorized: no key, an unknown or a revoked one.',
    403: `insufficient_scope: the key lacks the \`${op.scope}\` scope. Nothing is changed.`,
    429: 'rate_limited: too many requests for this key; `Retry-After` says when to try again.',
  };
  if (op.body) {
    errors[413] = `payload_too_large: more than ${op.body.maxBytes} bytes.`;
    errors[415] = 'unsupported_media_type: the body is not application/json.';
  }
  return errors;
}

function operationObject(path: string, method: Method, op: Operation) {
  const errors = { ...sharedErrors(op), ...op.errors };
  const responses: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(op.answers)) {
    responses[status] = {
      description: answer.description,
      ...(answer.headers ? { headers: answer.headers } : {}),
      ...(answer.schema ? { content: { 'application/json': { schema: $ref(answer.schema) } } } : {}),
    };
  }
  for (const [status, codes] of Object.entries(errors).sort(([a], [b]) => Number(a) - Number(b))) responses[status] = errorAnswer(codes);
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.scope ? { security: [{ apiKey: [op.scope] }] } : { security: [] }),
    parameters: [
      ...(op.params ?? []).map((p) => ({ ...p, required: p.in === 'path' ? true : (p.required ?? false) })),
      ...(op.idempotent
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'The same key with the same body answers as the first time and sends nothing twice (1–255 printable ASCII characters).',
              schema: { type: 'string', minLength: 1, maxLength: 255 },
            },
          ]
        : []),
    ],
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: $ref(op.body.schema) } } } } : {}),
    responses,
    'x-route': `app${path.replace(/\{(\w+)\}/g, '[$1]')}/route.ts`,
  };
}

let document: Record<string, unknown> | null = null;

/** The OpenAPI 3.1 document, built once per process. */
export function openApiDocument(): Record<string, unknown> {
  document ??= {
    openapi: '3.1.0',
    info: {
      title: 'Account Notifications API',
      version: '1',
      description:
        'Publish notifications and reseller events, follow their delivery, and keep accounts, people, roles and projects in sync with the host platform. ' +
        'Every request carries `Authorization: Bearer <key>`; a key has the scopes `publish`, `directory` or both. ' +
        'Every error is `{ "error": { "code", "message", "details"? } }`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags: [
      { name: 'Publishing', description: 'Notifications of the catalog, broadcasts to many accounts and reseller events (scope `publish`).' },
      { name: 'Directory', description: 'Accounts, members, roles and projects by the platform’s refs (scope `directory`).' },
    ],
    paths: Object.fromEntries(
      Object.entries(operations).map(([path, methods]) => [
        path,
        Object.fromEntries(Object.entries(methods).map(([method, op]) => [method, operationObject(path, method as Method, op!)])),
      ]),
    ),
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).map(([name, { schema, io }]) => [name, toSchema(schema, io)])),
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from `npm run apikey:create -- "name" --scope publish,directory`.' },
      },
    },
  };
  return document;
}
