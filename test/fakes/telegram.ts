/**
 * A fake Telegram Bot API on 127.0.0.1, for tests that drive the real client
 * (lib/telegram/client.ts) over HTTP.
 *
 *   const telegram = await startFakeTelegram();     // random port, token FAKE_TELEGRAM_TOKEN
 *   const client = botApiClient({ token: telegram.token, baseUrl: telegram.url });
 *   …
 *   expect(telegram.messages).toHaveLength(1);
 *   await telegram.close();
 *
 * What it implements, the way api.telegram.org does:
 * - `POST /bot<token>/<method>` with a JSON body; answers `{ ok: true, result }`
 *   or `{ ok: false, error_code, description, parameters? }` with the same HTTP status.
 * - A wrong token → 401 "Unauthorized"; an unknown method → 404 "Not Found".
 * - `sendMessage` (chat_id, text of 1–4096 characters) → the sent Message;
 *   `setWebhook` (url, secret_token of 1–256 `A-Za-z0-9_-`, allowed_updates,
 *   drop_pending_updates) → true; `getWebhookInfo`; `deleteWebhook` → true;
 *   `getMe` → the bot.
 *
 * Fault injection (queued for the next N requests, in order):
 * - `rateLimitNext(n, retryAfterSeconds)` — 429 "Too Many Requests: retry after N"
 *   with `parameters.retry_after`;
 * - `blockNext(n)` — 403 "Forbidden: bot was blocked by the user";
 * - `failNext(n, status, description)` — any other error answer (500 by default);
 * - `delayNext(n, ms)` — processed normally (a message is sent at once) but answered after `ms`:
 *   a client that times out meanwhile has still sent the message;
 * - `dropResponseNext(n)` — processed normally (a message is sent) but the connection is dropped
 *   instead of answering: the bot sent it and the client never heard back;
 * - `blockChat(chatId)` — every later sendMessage to this chat gets the 403.
 *
 * Records: `requests` (every request with the status answered, or null when
 * none was sent, and the injected fault it met) and `messages` (every
 * accepted sendMessage). `reset()` clears records and faults.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const FAKE_TELEGRAM_TOKEN = '123456789:TEST-fake_token_for_tests';
export const FAKE_BOT = { id: 123456789, is_bot: true, first_name: 'Nimbus Cloud', username: 'NimbusTestBot' };

export type FakeTelegramRequest = {
  httpMethod: string;
  path: string;
  /** The Bot API method (`sendMessage`), or null when the path is not a Bot API call. */
  method: string | null;
  body: unknown;
  status: number | null;
  fault: FakeTelegramFaultKind | null;
  receivedAt: Date;
};

export type FakeTelegramMessage = { messageId: number; chatId: number; text: string; body: Record<string, unknown>; sentAt: Date };

export type FakeTelegramWebhook = {
  url: string;
  secretToken: string | null;
  allowedUpdates: string[] | null;
  dropPendingUpdates: boolean;
};

type Answer = { status: number; body: Record<string, unknown> };
type Fault =
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  | { kind: 'status'; status: number; description: string }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop_response' };
export type FakeTelegramFaultKind = Fault['kind'];

const fail = (status: number, description: string, parameters?: Record<string, unknown>): Answer => ({
  status,
  body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
});
const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
const BLOCKED = 'Forbidden: bot was blocked by the user';

export class FakeTelegram {
  readonly token: string;
  readonly requests: FakeTelegramRequest[] = [];
  readonly messages: FakeTelegramMessage[] = [];
  webhook: FakeTelegramWebhook | null = null;
  private faults: Fault[] = [];
  private blockedChats = new Set<number>();
  private nextMessageId = 1;
  private server: http.Server;
  private sockets = new Set<Socket>();
  private port = 0;

  constructor(options: { token?: string } = {}) {
    this.token = options.token ?? FAKE_TELEGRAM_TOKEN;
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error_code: 500, description: `fake: ${String(error)}` }));
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** The base URL to give the client (`TELEGRAM_API_BASE_URL`). */
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close() {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  reset() {
    this.requests.length = 0;
    this.messages.length = 0;
    this.faults = [];
    this.blockedChats.clear();
    this.webhook = null;
  }

  rateLimitNext(n: number, retryAfterSeconds: number) {
    for (let i = 0; i < n; i++) this.faults.push({ kind: 'rate_limit', retryAfterSeconds });
  }

  blockNext(n = 1) {
    for (let i = 0; i < n; i++) this.faults.push({ kind: 'status', status: 403, description: BLOCKED });
  }

  failNext(n: number, status = 500, description = 'Internal Server Error') {
    for (let i = 0; i < n; i++) this.faults.push({ kind: 'status', status, description });
  }

  delayNext(n: number, ms: number) {
    for (let i = 0; i < n; i++) this.faults.push({ kind: 'delay', ms });
  }

  dropResponseNext(n = 1) {
    for (let i = 0; i < n; i++) this.faults.push({ kind: 'drop_response' });
  }

  blockChat(chatId: number) {
    this.blockedChats.add(chatId);
  }

  /** The Bot API calls of one method, in order. */
  calls(method: string) {
    return this.requests.filter((r) => r.method === method);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      body = raw;
    }
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const record: FakeTelegramRequest = {
      httpMethod: req.method ?? 'GET',
      path: url.pathname.replace(this.token, '<token>'),
      method: match?.[2] ?? null,
      body,
      status: null,
      fault: null,
      receivedAt: new Date(),
    };
    this.requests.push(record);
    // Faults apply to authorised Bot API calls only, like the real API's own errors.
    const fault = match && match[1] === this.token ? this.faults.shift() : undefined;
    record.fault = fault?.kind ?? null;
    const answer = this.route(match, body, fault);
    if (fault?.kind === 'drop_response') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (req.socket.destroyed) return; // the client gave up waiting
    record.status = answer.status;
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  }

  private route(match: RegExpExecArray | null, body: unknown, fault: Fault | undefined): Answer {
    if (!match) return fail(404, 'Not Found');
    if (match[1] !== this.token) return fail(401, 'Unauthorized');
    if (fault?.kind === 'rate_limit') {
      return fail(429, `Too Many Requests: retry after ${fault.retryAfterSeconds}`, { retry_after: fault.retryAfterSeconds });
    }
    if (fault?.kind === 'status') return fail(fault.status, fault.description);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail(400, 'Bad Request: invalid JSON body');
    const params = body as Record<string, unknown>;

    switch (match[2]) {
      case 'getMe':
        return ok(FAKE_BOT);
      case 'sendMessage': {
        const chatId = Number(params.chat_id);
        if (params.chat_id === undefined || !Number.isSafeInteger(chatId)) return fail(400, 'Bad Request: chat not found');
        if (typeof params.text !== 'string' || params.text.trim() === '') return fail(400, 'Bad Request: message text is empty');
        if (params.text.length > 4096) return fail(400, 'Bad Request: message is too long');
        if (this.blockedChats.has(chatId)) return fail(403, BLOCKED);
        const message: FakeTelegramMessage = { messageId: this.nextMessageId++, chatId, text: params.text, body: params, sentAt: new Date() };
        this.messages.push(message);
        return ok({ message_id: message.messageId, from: FAKE_BOT, chat: { id: chatId, type: 'private' }, date: Math.floor(Date.now() / 1000), text: message.text });
      }
      case 'setWebhook': {
        if (typeof params.url !== 'string') return fail(400, 'Bad Request: bad webhook: URL must be provided');
        const secret = params.secret_token;
        if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) {
          return fail(400, 'Bad Request: secret token contains unallowed characters');
        }
        this.webhook = {
          url: params.url,
          secretToken: (secret as string | undefined) ?? null,
          allowedUpdates: Array.isArray(params.allowed_updates) ? params.allowed_updates.map(String) : null,
          dropPendingUpdates: params.drop_pending_updates === true,
        };
        return { status: 200, body: { ok: true, result: true, description: 'Webhook was set' } };
      }
      case 'getWebhookInfo':
        return ok({
          url: this.webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: 0,
          ...(this.webhook?.allowedUpdates ? { allowed_updates: this.webhook.allowedUpdates } : {}),
        });
      case 'deleteWebhook':
        this.webhook = null;
        return { status: 200, body: { ok: true, result: true, description: 'Webhook was deleted' } };
      default:
        return fail(404, 'Not Found');
    }
  }
}

/** Starts a fake Bot API on 127.0.0.1 with a random port. */
export function startFakeTelegram(options: { token?: string } = {}): Promise<FakeTelegram> {
  return new FakeTelegram(options).listen();
}
