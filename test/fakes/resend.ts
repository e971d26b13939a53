/**
 * A fake Resend API on 127.0.0.1, for tests that drive the real `resend` SDK.
 *
 *   const resend = await startFakeResend();          // random port, key 're_test_key'
 *   process.env.RESEND_BASE_URL = resend.url;        // before `new Resend(key)` is called
 *   …
 *   expect(resend.emails).toHaveLength(1);
 *   await resend.close();
 *
 * The SDK reads RESEND_BASE_URL when a client is constructed, so set it before
 * building the transport (e.g. before `createTaskList` / `startWorker`);
 * `resend.env()` gives the variables for a child process.
 *
 * What it implements, the way api.resend.com does:
 * - `POST /emails` → 200 `{ id }`; `POST /emails/batch` (1–100 e-mails) →
 *   200 `{ data: [{ id }, …] }`; with `x-batch-validation: permissive` invalid
 *   entries are skipped and listed in `errors: [{ index, message }]`, in the
 *   default strict mode one invalid entry rejects the whole batch.
 *   `GET /emails/:id` returns an accepted e-mail.
 * - `Authorization: Bearer <key>`: missing → 401 `missing_api_key`, wrong → 403 `invalid_api_key`.
 * - Validation → 422 `missing_required_field` / `validation_error` (from, to (≤ 50),
 *   subject, html or text, address format `a@b.c` or `Name <a@b.c>`).
 * - `Idempotency-Key` (1–256 chars, else 400 `invalid_idempotency_key`): the
 *   same key with the same body (same path, JSON compared by value) replays
 *   the first successful response and is *not* a second accepted send; the
 *   same key with a different body → 409 `invalid_idempotent_request`; the
 *   same key while the first request is still being answered (see
 *   `delayNext`) → 409 `concurrent_idempotent_requests`. Only successful
 *   sends are remembered, so a retry after a 5xx/429 is processed normally.
 * - Errors are JSON `{ statusCode, name, message }` like Resend's, which the
 *   SDK hands back as `{ error }` with `statusCode`.
 * - Optional rate limit (`rateLimit` option or `setRateLimit`): a sliding
 *   window over all requests; every answer carries `ratelimit-limit`,
 *   `ratelimit-remaining`, `ratelimit-reset`; over the limit → 429
 *   `rate_limit_exceeded` with `retry-after` (seconds).
 *
 * Fault injection (each call queues faults for the next N requests, in order,
 * before authentication and everything else):
 * - `failNext(n, { status, name, message, headers })` — an error answer (500 by default);
 * - `rateLimitNext(n, { retryAfterSeconds })` — 429 with `retry-after` and `ratelimit-*` headers;
 * - `delayNext(n, ms)` — processed normally (e-mails accepted at once) but answered after `ms`,
 *   like a slow provider; a client that times out meanwhile has still sent the e-mail;
 * - `hangNext(n)` — never answers (until the client aborts or the fake closes); nothing accepted;
 * - `disconnectNext(n)` — drops the connection without an answer (a network error); nothing accepted;
 * - `dropResponseNext(n)` — processed normally (e-mails accepted, key remembered) but the connection
 *   is dropped instead of answering: the provider sent it and the client never heard back.
 *
 * Records: `requests` (every request, with the status answered, what
 * happened and the injected fault it met) and `emails` (every *accepted*
 * e-mail, in order, with its idempotency key). `reset()` clears records,
 * faults, idempotency memory and the rate limit window. `waitForEmails(n)` /
 * `waitForRequests(n)` wait for asynchronous senders such as the worker.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const FAKE_RESEND_API_KEY = 're_test_key';

export type FakeResendEmail = {
  id: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
  tags: { name: string; value: string }[];
  idempotencyKey: string | null;
  /** Position in its batch, or null for `POST /emails`. */
  batchIndex: number | null;
  acceptedAt: Date;
};

export type FakeResendOutcome =
  | 'accepted' // at least one e-mail accepted
  | 'replayed' // idempotent replay of an earlier success, nothing new accepted
  | 'rejected' // an error the fake produced itself (auth, validation, idempotency, rate limit, 404)
  | 'fault' // an injected error answer
  | 'hung'
  | 'disconnected'
  | 'ok'; // a read (GET)

export type FakeResendRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON body, or the raw text when it is not JSON (null when empty). */
  body: unknown;
  idempotencyKey: string | null;
  /** The status answered; null when no answer was sent (hang, disconnect, dropped response). */
  status: number | null;
  outcome: FakeResendOutcome;
  /** Ids of e-mails accepted (or replayed) by this request. */
  emailIds: string[];
  /** The injected fault this request met, if any. */
  fault: FakeResendFaultKind | null;
  receivedAt: Date;
};

export type FakeResendRateLimit = { limit: number; windowMs?: number };

export type FakeResendOptions = {
  apiKey?: string;
  rateLimit?: FakeResendRateLimit | null;
};

export type FakeResendFaultKind = Fault['kind'];

type Fault =
  | { kind: 'status'; status: number; name: string; message: string; headers: Record<string, string> }
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  | { kind: 'disconnect' }
  | { kind: 'drop_response' };

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

type StoredIdempotency = { fingerprint: string; answer: Answer; emailIds: string[] };

const ADDRESS = /^[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+$/;
const NAMED_ADDRESS = /^[^<>]*<([^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+)>$/;

function isAddress(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const v = value.trim();
  return ADDRESS.test(v) || NAMED_ADDRESS.test(v);
}

/** JSON with object keys sorted, so bodies are compared by value, not key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const error = (status: number, name: string, message: string, headers?: Record<string, string>): Answer => ({
  status,
  body: { statusCode: status, name, message },
  headers,
});

const asList = (value: unknown): string[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value.map(String) : [String(value)];

type Validated = { ok: true; email: Omit<FakeResendEmail, 'id' | 'idempotencyKey' | 'batchIndex' | 'acceptedAt'> } | { ok: false; name: string; message: string };

function validateEmail(raw: unknown, inBatch: boolean): Validated {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, name: 'validation_error', message: 'The email must be an object.' };
  const e = raw as Record<string, unknown>;
  for (const field of ['from', 'to', 'subject'] as const) {
    if (e[field] === undefined || e[field] === null || e[field] === '') {
      return { ok: false, name: 'missing_required_field', message: `Missing \`${field}\` field.` };
    }
  }
  if (!isAddress(e.from)) {
    return { ok: false, name: 'validation_error', message: 'Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.' };
  }
  for (const field of ['to', 'cc', 'bcc', 'reply_to'] as const) {
    const list = asList(e[field]);
    if (field === 'to' && list.length === 0) return { ok: false, name: 'missing_required_field', message: 'Missing `to` field.' };
    if (list.length > 50) return { ok: false, name: 'validation_error', message: `Too many recipients in \`${field}\`: at most 50.` };
    if (!list.every(isAddress)) {
      return { ok: false, name: 'validation_error', message: `Invalid \`${field}\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.` };
    }
  }
  if (typeof e.subject !== 'string') return { ok: false, name: 'validation_error', message: 'The `subject` field must be a string.' };
  const html = typeof e.html === 'string' ? e.html : null;
  const text = typeof e.text === 'string' ? e.text : null;
  if (html === null && text === null && !e.template) {
    return { ok: false, name: 'validation_error', message: 'Missing `html` or `text` field.' };
  }
  if (inBatch && e.attachments !== undefined) return { ok: false, name: 'validation_error', message: 'Attachments are not supported in batch emails.' };
  if (inBatch && e.scheduled_at !== undefined) return { ok: false, name: 'validation_error', message: 'Scheduling is not supported in batch emails.' };
  return {
    ok: true,
    email: {
      from: String(e.from),
      to: asList(e.to),
      cc: asList(e.cc),
      bcc: asList(e.bcc),
      replyTo: asList(e.reply_to),
      subject: e.subject,
      html,
      text,
      headers: (e.headers && typeof e.headers === 'object' ? e.headers : {}) as Record<string, string>,
      tags: Array.isArray(e.tags) ? (e.tags as { name: string; value: string }[]) : [],
    },
  };
}

export class FakeResend {
  readonly requests: FakeResendRequest[] = [];
  readonly emails: FakeResendEmail[] = [];
  readonly apiKey: string;
  url = '';

  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private faults: Fault[] = [];
  private idempotency = new Map<string, StoredIdempotency>();
  private inFlight = new Set<string>();
  private rateLimit: FakeResendRateLimit | null;
  private window: number[] = [];

  constructor(options: FakeResendOptions = {}) {
    this.apiKey = options.apiKey ?? FAKE_RESEND_API_KEY;
    this.rateLimit = options.rateLimit ?? null;
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  /** Environment for a process that should send here through the SDK. */
  env(): { RESEND_BASE_URL: string; RESEND_API_KEY: string } {
    return { RESEND_BASE_URL: this.url, RESEND_API_KEY: this.apiKey };
  }

  // ---- fault injection -----------------------------------------------------

  failNext(count = 1, options: { status?: number; name?: string; message?: string; headers?: Record<string, string> } = {}) {
    const status = options.status ?? 500;
    const fault: Fault = {
      kind: 'status',
      status,
      name: options.name ?? (status >= 500 ? 'internal_server_error' : 'validation_error'),
      message: options.message ?? (status >= 500 ? 'An unexpected error occurred.' : `Injected ${status}.`),
      headers: options.headers ?? {},
    };
    return this.queue(count, fault);
  }

  rateLimitNext(count = 1, options: { retryAfterSeconds?: number } = {}) {
    return this.queue(count, { kind: 'rate_limit', retryAfterSeconds: options.retryAfterSeconds ?? 1 });
  }

  delayNext(count: number, ms: number) {
    return this.queue(count, { kind: 'delay', ms });
  }

  hangNext(count = 1) {
    return this.queue(count, { kind: 'hang' });
  }

  disconnectNext(count = 1) {
    return this.queue(count, { kind: 'disconnect' });
  }

  dropResponseNext(count = 1) {
    return this.queue(count, { kind: 'drop_response' });
  }

  /** A sliding-window rate limit over all requests (null turns it off). */
  setRateLimit(limit: FakeResendRateLimit | null) {
    this.rateLimit = limit;
    this.window = [];
  }

  /** Forgets records, queued faults, idempotency keys and the rate-limit window. */
  reset() {
    this.requests.length = 0;
    this.emails.length = 0;
    this.faults = [];
    this.idempotency.clear();
    this.inFlight.clear();
    this.window = [];
  }

  // ---- queries ---------------------------------------------------------------

  /** Accepted e-mails that have `address` among their To recipients. */
  emailsTo(address: string) {
    const wanted = address.toLowerCase();
    return this.emails.filter((e) => e.to.some((t) => (t.match(/<([^>]+)>/)?.[1] ?? t).trim().toLowerCase() === wanted));
  }

  /** Requests to one endpoint, e.g. `requestsTo('POST /emails')`. */
  requestsTo(route: string) {
    const [method, path] = route.split(' ');
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  waitForEmails(count: number, timeoutMs = 10_000) {
    return this.waitFor(() => this.emails.length >= count, () => `${count} accepted e-mail(s), have ${this.emails.length}`, timeoutMs);
  }

  waitForRequests(count: number, timeoutMs = 10_000) {
    return this.waitFor(() => this.requests.length >= count, () => `${count} request(s), have ${this.requests.length}`, timeoutMs);
  }

  async close() {
    this.server.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- internals ---------------------------------------------------------------

  private queue(count: number, fault: Fault) {
    for (let i = 0; i < count; i++) this.faults.push(fault);
    return this;
  }

  private async waitFor(done: () => boolean, what: () => string, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`fake Resend: timed out waiting for ${what()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private rateLimitHeaders(now: number): { headers: Record<string, string>; exceeded: boolean; retryAfterSeconds: number } {
    if (!this.rateLimit) return { headers: {}, exceeded: false, retryAfterSeconds: 0 };
    const windowMs = this.rateLimit.windowMs ?? 1000;
    this.window = this.window.filter((t) => t > now - windowMs);
    const exceeded = this.window.length >= this.rateLimit.limit;
    if (!exceeded) this.window.push(now);
    const resetMs = this.window.length ? this.window[0] + windowMs - now : windowMs;
    const retryAfterSeconds = Math.max(1, Math.ceil(resetMs / 1000));
    return {
      exceeded,
      retryAfterSeconds,
      headers: {
        'ratelimit-limit': String(this.rateLimit.limit),
        'ratelimit-remaining': String(Math.max(0, this.rateLimit.limit - this.window.length)),
        'ratelimit-reset': String(retryAfterSeconds),
        'ratelimit-policy': `${this.rateLimit.limit};w=${Math.ceil(windowMs / 1000)}`,
      },
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    let jsonError = false;
    if (raw.length) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
        jsonError = true;
      }
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const url = new URL(req.url ?? '/', 'http://fake');
    const record: FakeResendRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      headers,
      body,
      idempotencyKey: headers['idempotency-key'] ?? null,
      status: null,
      outcome: 'rejected',
      emailIds: [],
      fault: null,
      receivedAt: new Date(),
    };
    this.requests.push(record);

    const send = (answer: Answer, outcome: FakeResendOutcome) => {
      record.status = answer.status;
      record.outcome = outcome;
      if (res.writableEnded || res.destroyed) return;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    };

    const fault = this.faults.shift();
    record.fault = fault?.kind ?? null;
    if (fault?.kind === 'hang') {
      record.outcome = 'hung';
      return; // the socket stays open until the client aborts or close()
    }
    if (fault?.kind === 'disconnect') {
      record.outcome = 'disconnected';
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      return send(error(fault.status, fault.name, fault.message, fault.headers), 'fault');
    }
    if (fault?.kind === 'rate_limit') {
      const limit = String(this.rateLimit?.limit ?? 2);
      return send(
        error(429, 'rate_limit_exceeded', 'Too many requests. You can only make 2 requests per second. See rate limit response headers for more information. Or contact support to increase rate limit.', {
          'retry-after': String(fault.retryAfterSeconds),
          'ratelimit-limit': limit,
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(fault.retryAfterSeconds),
        }),
        'fault',
      );
    }
    const delayMs = fault?.kind === 'delay' ? fault.ms : 0;

    const answer = await this.route(record, body, jsonError, delayMs);
    if (fault?.kind === 'drop_response') {
      record.outcome = answer.outcome; // status stays null: no answer was sent
      req.socket.destroy();
      return;
    }
    send(answer.answer, answer.outcome);
  }

  private async route(
    record: FakeResendRequest,
    body: unknown,
    jsonError: boolean,
    delayMs: number,
  ): Promise<{ answer: Answer; outcome: FakeResendOutcome }> {
    const rejected = (answer: Answer) => ({ answer, outcome: 'rejected' as const });
    const auth = record.headers.authorization;
    if (!auth || !auth.startsWith('Bearer ')) {
      return rejected(error(401, 'missing_api_key', 'Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY'));
    }
    if (auth.slice('Bearer '.length).trim() !== this.apiKey) return rejected(error(403, 'invalid_api_key', 'API key is invalid'));

    const limit = this.rateLimitHeaders(Date.now());
    const withLimit = (answer: Answer): Answer => ({ ...answer, headers: { ...limit.headers, ...answer.headers } });
    if (limit.exceeded) {
      return rejected(
        withLimit(error(429, 'rate_limit_exceeded', `Too many requests. You can only make ${this.rateLimit!.limit} requests per second. See rate limit response headers for more information. Or contact support to increase rate limit.`, { 'retry-after': String(limit.retryAfterSeconds) })),
      );
    }

    const { method, path } = record;
    const getMatch = path.match(/^\/emails\/([^/]+)$/);
    if (method === 'GET' && getMatch && getMatch[1] !== 'batch') {
      const email = this.emails.find((e) => e.id === getMatch[1]);
      if (!email) return rejected(withLimit(error(404, 'not_found', 'Email not found')));
      return {
        outcome: 'ok',
        answer: withLimit({
          status: 200,
          body: {
            object: 'email',
            id: email.id,
            from: email.from,
            to: email.to,
            cc: email.cc,
            bcc: email.bcc,
            reply_to: email.replyTo,
            subject: email.subject,
            html: email.html,
            text: email.text,
            created_at: email.acceptedAt.toISOString(),
            last_event: 'sent',
          },
        }),
      };
    }
    const isSend = path === '/emails' || path === '/emails/batch';
    if (!isSend) return rejected(withLimit(error(404, 'not_found', 'The requested endpoint does not exist.')));
    if (method !== 'POST') return rejected(withLimit(error(405, 'method_not_allowed', 'Method is not allowed for the requested path.')));
    if (jsonError) return rejected(withLimit(error(400, 'invalid_request', 'The request body is not valid JSON.')));

    const key = record.idempotencyKey;
    let fingerprint = '';
    if (key !== null) {
      if (key.length < 1 || key.length > 256) {
        return rejected(withLimit(error(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.')));
      }
      fingerprint = `${path} ${canonical(body)}`;
      const stored = this.idempotency.get(key);
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          return rejected(withLimit(error(409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload. Change your idempotency key or payload.')));
        }
        record.emailIds = stored.emailIds;
        return { outcome: 'replayed', answer: withLimit(stored.answer) };
      }
      if (this.inFlight.has(key)) {
        return rejected(withLimit(error(409, 'concurrent_idempotent_requests', 'Same idempotency key used while original request is still in progress. Try the request again later.')));
      }
    }

    const result = path === '/emails' ? this.acceptSingle(body, key) : this.acceptBatch(body, key, record.headers['x-batch-validation']);
    if (result.answer.status !== 200) return rejected(withLimit(result.answer));
    record.emailIds = result.emailIds;
    if (key !== null) {
      // Remember the success before answering: a retry while we are slow is "in progress", after it a replay.
      this.inFlight.add(key);
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      this.inFlight.delete(key);
      this.idempotency.set(key, { fingerprint, answer: result.answer, emailIds: result.emailIds });
    } else if (delayMs > 0) {
      await new Promise((r) => setTimeout(r, delayMs));
    }
    return { outcome: 'accepted', answer: withLimit(result.answer) };
  }

  private accept(email: Extract<Validated, { ok: true }>['email'], key: string | null, batchIndex: number | null) {
    const accepted: FakeResendEmail = { ...email, id: randomUUID(), idempotencyKey: key, batchIndex, acceptedAt: new Date() };
    this.emails.push(accepted);
    return accepted.id;
  }

  private acceptSingle(body: unknown, key: string | null): { answer: Answer; emailIds: string[] } {
    const validated = validateEmail(body, false);
    if (!validated.ok) return { answer: error(422, validated.name, validated.message), emailIds: [] };
    const id = this.accept(validated.email, key, null);
    return { answer: { status: 200, body: { id } }, emailIds: [id] };
  }

  private acceptBatch(body: unknown, key: string | null, mode: string | undefined): { answer: Answer; emailIds: string[] } {
    if (!Array.isArray(body)) return { answer: error(422, 'validation_error', 'The batch must be an array of emails.'), emailIds: [] };
    if (body.length === 0 || body.length > 100) {
      return { answer: error(422, 'validation_error', 'A batch must contain between 1 and 100 emails.'), emailIds: [] };
    }
    const results = body.map((e) => validateEmail(e, true));
    const errors = results.flatMap((r, index) => (r.ok ? [] : [{ index, message: r.message }]));
    const permissive = mode === 'permissive';
    if (errors.length && !permissive) {
      const first = errors[0];
      return { answer: error(422, 'validation_error', `emails[${first.index}]: ${first.message}`), emailIds: [] };
    }
    const ids = results.flatMap((r, index) => (r.ok ? [this.accept(r.email, key, index)] : []));
    const data = ids.map((id) => ({ id }));
    return { answer: { status: 200, body: permissive ? { data, errors } : { data } }, emailIds: ids };
  }
}

/** Starts a fake Resend API on 127.0.0.1 with a random port. */
export function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  return new FakeResend(options).listen();
}
