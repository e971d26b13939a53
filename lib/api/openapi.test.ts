// The OpenAPI document against the code: every route handler under app/api/v1
// is in it (and nothing else is), its schemas are valid JSON Schema 2020-12,
// and real answers of every operation — successes and refusals — match what
// it says, through the route handlers and a real PostgreSQL.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '@/lib/delivery/api-keys';
import { setupTestDatabase } from '@/test/db';
import { ROOT } from '@/test/authz/discover';
import { openApiDocument } from './openapi';

const t = setupTestDatabase();
const doc = openApiDocument() as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: { 'application/json': { schema: object } }; headers?: Record<string, unknown> }> }>>;
  components: { schemas: Record<string, object> };
};
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** app/api/v1/accounts/[ref]/route.ts → /api/v1/accounts/{ref} */
function routeFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(relative);
    return /^route\.(ts|tsx|js|mjs)$/.test(entry.name) ? [relative] : [];
  });
}
const templateOf = (file: string) => `/${path.posix.dirname(file).replace(/^app\//, '').replace(/\[(\w+)\]/g, '{$1}')}`;

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
// OpenAPI's own keywords inside a schema object (none are used today; listed so strict mode allows them).
ajv.addVocabulary(['discriminator', 'xml', 'externalDocs', 'example']);
ajv.addSchema({ $id: 'https://openapi.local/components', $defs: doc.components.schemas });
const validators = new Map<string, ValidateFunction>();

/** Checks one real answer against the document: its status is listed, its body fits the schema, its headers are there. */
async function expectDocumented(template: string, method: string, response: Response) {
  const operation = doc.paths[template]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is not in the document`).toBeDefined();
  const answer = operation.responses[String(response.status)];
  expect(answer, `${method} ${template} answered ${response.status}, which the document does not list`).toBeDefined();
  const text = await response.text();
  for (const header of Object.keys(answer.headers ?? {})) expect(response.headers.get(header), `${header} header`).toBeTruthy();
  if (!answer.content) {
    expect(text, `${response.status} of ${method} ${template} has a body the document does not describe`).toBe('');
    return null;
  }
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text);
  const key = `${method} ${template} ${response.status}`;
  let validate = validators.get(key);
  if (!validate) {
    const schema = JSON.parse(JSON.stringify(answer.content['application/json'].schema).replaceAll('#/components/schemas/', 'https://openapi.local/components#/$defs/'));
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  expect(validate(body) ? [] : validate.errors, `${key}: ${text.slice(0, 300)}`).toEqual([]);
  return body;
}

describe('the document', () => {
  it('lists exactly the route handlers under app/api/v1', async () => {
    const inCode: string[] = [];
    for (const file of routeFiles('app/api/v1')) {
      const mod: Record<string, unknown> = await import(/* @vite-ignore */ path.join(ROOT, file));
      for (const name of Object.keys(mod).filter((n) => METHODS.includes(n) && typeof mod[n] === 'function')) inCode.push(`${name} ${templateOf(file)}`);
    }
    const inDocument = Object.entries(doc.paths).flatMap(([template, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${template}`));
    expect(inCode.length).toBeGreaterThanOrEqual(13);
    expect(inDocument.sort()).toEqual(inCode.sort());
  });

  it('is OpenAPI 3.1 whose schemas compile as JSON Schema 2020-12, with every answer of a keyed route in the error shape', () => {
    expect(openApiDocument()).toMatchObject({ openapi: '3.1.0', jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema' });
    for (const [name, schema] of Object.entries(doc.components.schemas)) expect(() => ajv.compile(schema), name).not.toThrow();
    for (const [template, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const [status, answer] of Object.entries(op.responses)) {
          if (Number(status) >= 400) expect(answer.content?.['application/json'].schema, `${method} ${template} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
        }
      }
    }
  });

  it('is served at GET /api/v1/openapi.json without a key', async () => {
    const { GET } = await import('@/app/api/v1/openapi.json/route');
    const response = GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});

describe('real answers match the document', () => {
  type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
  let directoryKey: string;
  let publishKey: string;
  const modules: Record<string, Record<string, Handler>> = {};

  beforeAll(async () => {
    process.env.DATABASE_URL = t.url;
    directoryKey = (await createApiKey(t.db, { name: 'OpenAPI tour', scopes: ['directory', 'publish'] })).secret;
    publishKey = (await createApiKey(t.db, { name: 'OpenAPI publish only', scopes: ['publish'] })).secret;
    for (const file of routeFiles('app/api/v1')) modules[templateOf(file)] = await import(/* @vite-ignore */ path.join(ROOT, file));
  });

  /** Calls the handler of `template` with `params`, checks the answer against the document, returns status and body. */
  async function call(method: string, template: string, params: Record<string, string>, init: { body?: unknown; raw?: string; key?: string | null; query?: string; contentType?: string } = {}) {
    const url = `http://localhost${template.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(params[p]))}${init.query ?? ''}`;
    const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json' };
    if (init.key !== null) headers.authorization = `Bearer ${init.key ?? directoryKey}`;
    const request = new Request(url, { method, headers, body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)) });
    const response = await modules[template][method](request, { params: Promise.resolve(params) });
    const status = response.status;
    const body = await expectDocumented(template, method, response);
    return { status, body };
  }

  it('for every operation, its successes and refusals', async () => {
    const account = '/api/v1/accounts/{ref}';
    const member = '/api/v1/accounts/{ref}/members/{email}';
    const project = '/api/v1/accounts/{ref}/projects/{projectRef}';
    const statuses: string[] = [];
    const expectStatus = async (expected: number, made: Promise<{ status: number; body: unknown }>) => {
      const { status, body } = await made;
      expect(status, JSON.stringify(body)).toBe(expected);
      statuses.push(String(status));
      return body as Record<string, unknown>;
    };

    await expectStatus(201, call('PUT', account, { ref: 'oa-reseller' }, { body: { name: 'Tour Reseller', is_reseller: true, owner: { email: 'rita@tour.example' } } }));
    await expectStatus(201, call('PUT', account, { ref: 'oa' }, { body: { name: 'Tour', reseller_ref: 'oa-reseller', owner: { email: 'olga@tour.example', name: 'Olga' } } }));
    await expectStatus(200, call('PUT', account, { ref: 'oa' }, { body: { name: 'Tour Ltd' } }));
    await expectStatus(401, call('PUT', account, { ref: 'oa' }, { body: { name: 'x' }, key: null }));
    await expectStatus(403, call('PUT', account, { ref: 'oa' }, { body: { name: 'x' }, key: publishKey }));
    await expectStatus(400, call('PUT', account, { ref: 'oa' }, { raw: '{"name":' }));
    await expectStatus(413, call('PUT', account, { ref: 'oa' }, { raw: JSON.stringify({ name: 'x'.repeat(70_000) }) }));
    await expectStatus(422, call('PUT', account, { ref: 'oa' }, { body: { name: 'Tour', colour: 'red' } }));
    await expectStatus(200, call('GET', account, { ref: 'oa' }));
    await expectStatus(404, call('GET', account, { ref: 'nobody' }));
    await expectStatus(422, call('GET', account, { ref: 'bad ref!' }));

    await expectStatus(201, call('PUT', project, { ref: 'oa', projectRef: 'web' }, { body: { name: 'Web shop' } }));
    await expectStatus(200, call('PUT', project, { ref: 'oa', projectRef: 'web' }, { body: { name: 'Web store' } }));
    await expectStatus(201, call('PUT', project, { ref: 'oa', projectRef: 'api' }, { body: { name: 'API' } }));
    await expectStatus(409, call('PUT', project, { ref: 'oa', projectRef: 'api' }, { body: { name: 'Web store' } }));

    await expectStatus(201, call('PUT', member, { ref: 'oa', email: 'pat@tour.example' }, { body: { name: 'Pat', role: 'project_member', projects: [{ ref: 'web', role: 'project_admin' }] } }));
    await expectStatus(200, call('PUT', member, { ref: 'oa', email: 'pat@tour.example' }, { body: { role: 'billing_admin' } }));
    await expectStatus(422, call('PUT', member, { ref: 'oa', email: 'pat@tour.example' }, { body: { role: 'emperor' } }));
    await expectStatus(422, call('PUT', member, { ref: 'oa', email: 'olga@tour.example' }, { body: { role: 'account_admin' } }));
    await expectStatus(404, call('PUT', member, { ref: 'nobody', email: 'pat@tour.example' }, { body: { role: 'subscriber' } }));
    await expectStatus(200, call('GET', member, { ref: 'oa', email: 'pat@tour.example' }));
    await expectStatus(404, call('GET', member, { ref: 'oa', email: 'stranger@tour.example' }));
    const page = await expectStatus(200, call('GET', '/api/v1/accounts/{ref}/members', { ref: 'oa' }, { query: '?limit=1' }));
    expect(page.next_cursor).toEqual(expect.any(String));
    await expectStatus(200, call('GET', '/api/v1/accounts/{ref}/members', { ref: 'oa' }, { query: `?limit=1&cursor=${page.next_cursor}` }));
    await expectStatus(422, call('GET', '/api/v1/accounts/{ref}/members', { ref: 'oa' }, { query: '?limit=0' }));

    const snapshot = {
      projects: [
        { ref: 'web', name: 'Web store' },
        { ref: 'data', name: 'Data' },
      ],
      members: [
        { email: 'olga@tour.example', role: 'owner' },
        { email: 'sam@tour.example', name: 'Sam', role: 'subscriber' },
      ],
    };
    expect(await expectStatus(200, call('PUT', '/api/v1/accounts/{ref}/directory', { ref: 'oa' }, { body: snapshot }))).toMatchObject({ added: 1, removed: 1 });
    expect(await expectStatus(200, call('PUT', '/api/v1/accounts/{ref}/directory', { ref: 'oa' }, { body: snapshot }))).toMatchObject({ added: 0, changed: 0, removed: 0 });
    await expectStatus(422, call('PUT', '/api/v1/accounts/{ref}/directory', { ref: 'oa' }, { body: { members: [] } }));
    await expectStatus(204, call('DELETE', member, { ref: 'oa', email: 'sam@tour.example' }));
    await expectStatus(404, call('DELETE', member, { ref: 'oa', email: 'sam@tour.example' }));
    await expectStatus(204, call('DELETE', project, { ref: 'oa', projectRef: 'data' }));
    await expectStatus(404, call('DELETE', project, { ref: 'oa', projectRef: 'data' }));

    const published = await expectStatus(
      202,
      call('POST', '/api/v1/notifications', {}, { body: { account_ref: 'oa', type: 'refund', subject: 'Refund issued' }, key: publishKey }),
    );
    await expectStatus(422, call('POST', '/api/v1/notifications', {}, { body: { account_ref: 'oa', type: 'refund' }, key: publishKey }));
    await expectStatus(404, call('POST', '/api/v1/notifications', {}, { body: { account_ref: 'nobody', type: 'refund', subject: 'x' }, key: publishKey }));
    await expectStatus(415, call('POST', '/api/v1/notifications', {}, { raw: 'type=refund', key: publishKey, contentType: 'application/x-www-form-urlencoded' }));
    await expectStatus(200, call('GET', '/api/v1/notifications/{id}', { id: String(published.id) }, { key: publishKey }));
    await expectStatus(404, call('GET', '/api/v1/notifications/{id}', { id: String(published.id) }, { key: directoryKey }));
    await expectStatus(
      202,
      call('POST', '/api/v1/events', {}, { body: { event: 'users.user_invited', reseller_ref: 'oa-reseller', customer_ref: 'oa', invited_user: { email: 'new@tour.example' } }, key: publishKey }),
    );
    await expectStatus(404, call('POST', '/api/v1/events', {}, { body: { event: 'users.user_invited', reseller_ref: 'oa-reseller', customer_ref: 'nobody' }, key: publishKey }));

    const broadcast = '/api/v1/broadcasts';
    const broadcasted = await expectStatus(202, call('POST', broadcast, {}, { body: { account_refs: ['oa', 'oa-reseller'], type: 'refund', subject: 'Refunds' }, key: publishKey }));
    await expectStatus(422, call('POST', broadcast, {}, { body: { type: 'refund', subject: 'To whom?' }, key: publishKey }));
    await expectStatus(404, call('POST', broadcast, {}, { body: { account_refs: ['nobody'], type: 'refund', subject: 'x' }, key: publishKey }));
    await expectStatus(200, call('GET', '/api/v1/broadcasts/{id}', { id: String(broadcasted.id) }, { key: publishKey }));
    await expectStatus(404, call('GET', '/api/v1/broadcasts/{id}', { id: String(broadcasted.id) }, { key: directoryKey }));

    await expectStatus(409, call('DELETE', account, { ref: 'oa-reseller' }));
    await expectStatus(200, call('DELETE', account, { ref: 'oa' }));
    await expectStatus(409, call('PUT', member, { ref: 'oa', email: 'pat@tour.example' }, { body: { role: 'subscriber' } }));
    await expectStatus(409, call('POST', '/api/v1/notifications', {}, { body: { account_ref: 'oa', type: 'refund', subject: 'Too late' }, key: publishKey }));
    expect(await expectStatus(202, call('POST', broadcast, {}, { body: { account_refs: ['oa'], type: 'refund', subject: 'Too late' }, key: publishKey }))).toMatchObject({
      accounts: { total: 0, closed_skipped: 1 },
    });

    // Every status the tour met is one the document lists somewhere; the tour met each kind of answer.
    expect(new Set(statuses)).toEqual(new Set(['200', '201', '202', '204', '400', '401', '403', '404', '409', '413', '415', '422']));
  });
});
