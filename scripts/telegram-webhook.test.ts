// `npm run telegram:webhook` against a fake Bot API on 127.0.0.1.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '@/test/fakes/telegram';

const run = promisify(execFile);
const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
const script = path.join(process.cwd(), 'scripts', 'telegram-webhook.ts');
let telegram: FakeTelegram;

beforeAll(async () => {
  telegram = await startFakeTelegram();
});
afterAll(async () => {
  await telegram?.close();
});

function webhookScript(env: Record<string, string>, ...args: string[]) {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' };
  return run(tsx, [script, ...args], { env: { ...base, ...env }, timeout: 30_000 }).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('npm run telegram:webhook', () => {
  it('registers ${APP_URL}/api/telegram/webhook with the secret', async () => {
    const result = await webhookScript(
      {
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_BASE_URL: telegram.url,
        TELEGRAM_WEBHOOK_SECRET: 's3cret_value-123',
        APP_URL: 'https://panel.example.com',
      },
      '--drop-pending',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Webhook set: https://panel.example.com/api/telegram/webhook');
    expect(telegram.webhook).toEqual({
      url: 'https://panel.example.com/api/telegram/webhook',
      secretToken: 's3cret_value-123',
      allowedUpdates: ['message', 'my_chat_member'],
      dropPendingUpdates: true,
    });
  });

  it('refuses to run without a token or a secret, saying what to set', async () => {
    const noToken = await webhookScript({ APP_URL: 'https://panel.example.com' });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/TELEGRAM_BOT_TOKEN/);
    const noSecret = await webhookScript({ TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_BASE_URL: telegram.url });
    expect(noSecret.code).toBe(1);
    expect(noSecret.stderr).toMatch(/TELEGRAM_WEBHOOK_SECRET/);
  });
});
