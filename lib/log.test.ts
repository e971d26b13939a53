// The product's log as a collector and a developer see it: one JSON object per
// line in production, a plain line otherwise, and no secret in either.
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

const RESEND_API_KEY = 're_log_test_key_0123456789';
const TELEGRAM_BOT_TOKEN = '424242:log-test-bot-token_abcdef';

function logged(nodeEnv: 'production' | 'development') {
  const script = `const { log } = await import('@/lib/log');
    log('probe').info({ deliveries: 3 }, 'chunk sent');
    log('probe').error({ err: new Error('Resend said: key ${RESEND_API_KEY} is invalid') }, 'send failed for bot${TELEGRAM_BOT_TOKEN}');
    log('probe').debug('not at the default level');`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, NODE_ENV: nodeEnv, RESEND_API_KEY, TELEGRAM_BOT_TOKEN, LOG_LEVEL: '' },
    encoding: 'utf8',
  });
  return { stdout: run.stdout, stderr: run.stderr };
}

it('writes JSON lines in production, with the level, the component and the error, secrets redacted', () => {
  const { stdout } = logged('production');
  const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatchObject({ level: 'info', component: 'probe', deliveries: 3, msg: 'chunk sent', pid: expect.any(Number) });
  expect(new Date(lines[0].time as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
  expect(lines[1]).toMatchObject({ level: 'error', msg: 'send failed for bot[redacted]', err: { type: 'Error', message: 'Resend said: key [redacted] is invalid' } });
  expect(stdout).not.toContain(RESEND_API_KEY);
  expect(stdout).not.toContain(TELEGRAM_BOT_TOKEN);
});

it('writes plain lines in development, errors with their stack on stderr, secrets redacted', () => {
  const { stdout, stderr } = logged('development');
  expect(stdout).toBe('[probe] chunk sent deliveries=3\n');
  expect(stderr).toMatch(/^\[probe\] error: send failed for bot\[redacted\]\nError: Resend said: key \[redacted\] is invalid\n {4}at /);
  expect(stderr).not.toContain(RESEND_API_KEY);
});
