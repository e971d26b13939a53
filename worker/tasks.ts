import type { Task, TaskList } from 'graphile-worker';
import { z } from 'zod';
import type { Db } from '@/db';
import { DELIVER_EMAIL_TASK, DELIVER_TELEGRAM_TASK } from '@/lib/delivery/fanout';
import { BROADCAST_CHUNK_TASK, publishBroadcastChunk } from '@/lib/delivery/broadcast';
import { defaultTelegramRates, deliverTelegramChunk } from '@/lib/delivery/telegram';
import { DELIVER_ONE_TASK } from '@/lib/delivery/log';
import { deliverOne } from '@/lib/delivery/single';
import { botApiClient, simulatorClient, type TelegramClient } from '@/lib/telegram/client';
import { deliverEmailChunk, defaultEmailRate, type EmailDeliveryConfig } from '@/lib/delivery/email';
import { retryPolicy, type RetryPolicy } from '@/lib/delivery/retry-policy';
import type { RatePolicy } from '@/lib/delivery/rate-limit';
import { deliverEvent } from '@/lib/events/deliver';
import { DELIVER_EVENT_TASK } from '@/lib/events/publish';
import { deliverMail } from '@/lib/mail/deliver';
import { mailJobKey, SEND_EMAIL_TASK } from '@/lib/mail/queue';
import { mailboxTransport, resendTransport, type MailTransport } from '@/lib/mail/transport';
import { log } from '@/lib/log';
import { MAINTENANCE_TASK, retentionPolicy, runMaintenance, type RetentionPolicy } from '@/lib/ops/retention';
import { measuredFetch, measuredTransport } from '@/lib/ops/worker-metrics';

export type WorkerConfig = {
  db: Db;
  from: string;
  resendApiKey?: string;
  appUrl?: string;
  emailRate?: RatePolicy;
  /** Default: retryPolicy(), from this process's environment. */
  retry?: RetryPolicy;
  /** Without a bot token, Telegram messages go to the local simulator. */
  telegramBotToken?: string;
  telegramApiBaseUrl?: string;
  telegramClient?: TelegramClient;
  /** Default: retentionPolicy(), from this process's environment. */
  retention?: RetentionPolicy;
};

export function mailTransportFor(config: WorkerConfig): MailTransport {
  return config.resendApiKey ? measuredTransport(resendTransport(config.resendApiKey)) : mailboxTransport(config.db);
}

const sendEmailPayload = z.object({ id: z.string().uuid() });
const chunkPayload = z.object({ notificationId: z.string().uuid(), chunk: z.number().int().min(0) });

/** Re-queues a chunk after `ms` under its job key (retry-after or back-off with jitter). */
function retryLater(task: string, retry: RetryPolicy): (payload: unknown, ms: number, helpers: Parameters<Task>[1]) => Promise<void> {
  return async (payload, ms, helpers) => {
    const { notificationId, chunk } = chunkPayload.parse(payload);
    await helpers.addJob(task, { notificationId, chunk }, {
      runAt: new Date(Date.now() + ms),
      jobKey: `${task}:${notificationId}:${chunk}`,
      maxAttempts: retry.chunkJobMaxAttempts,
    });
  };
}

export function createTaskList(config: WorkerConfig): TaskList {
  const transport = mailTransportFor(config);
  const retry = config.retry ?? retryPolicy();
  const emailConfig: EmailDeliveryConfig = {
    transport,
    from: config.from,
    appUrl: config.appUrl ?? 'http://localhost:3000',
    rate: config.emailRate ?? defaultEmailRate,
    maxAttempts: retry.maxAttempts,
    backoff: retry.backoff,
  };

  const sendEmail: Task = async (payload, helpers) => {
    const { id } = sendEmailPayload.parse(payload);
    const outcome = await deliverMail(config.db, id, { from: config.from, transport, rate: emailConfig.rate, retry });
    if (!outcome.done) {
      await helpers.addJob(SEND_EMAIL_TASK, { id }, {
        runAt: new Date(Date.now() + outcome.retryInMs),
        jobKey: mailJobKey(id),
        maxAttempts: retry.chunkJobMaxAttempts,
      });
    }
  };

  const retryEmail = retryLater(DELIVER_EMAIL_TASK, retry);
  const deliverEmail: Task = async (payload, helpers) => {
    const outcome = await deliverEmailChunk(config.db, chunkPayload.parse(payload), emailConfig);
    if (!outcome.done) await retryEmail(payload, outcome.retryInMs, helpers);
  };

  const telegram =
    config.telegramClient ??
    (config.telegramBotToken
      ? botApiClient({ token: config.telegramBotToken, baseUrl: config.telegramApiBaseUrl, ...retry.telegramRequest, fetch: measuredFetch('telegram') })
      : simulatorClient(config.db));
  const retryTelegram = retryLater(DELIVER_TELEGRAM_TASK, retry);
  const deliverTelegram: Task = async (payload, helpers) => {
    const outcome = await deliverTelegramChunk(config.db, chunkPayload.parse(payload), {
      client: telegram,
      ...defaultTelegramRates,
      maxAttempts: emailConfig.maxAttempts,
      backoff: emailConfig.backoff,
    });
    if (!outcome.done) await retryTelegram(payload, outcome.retryInMs, helpers);
  };

  const deliverSingle: Task = async (payload, helpers) => {
    const { deliveryId } = z.object({ deliveryId: z.number().int().positive() }).parse(payload);
    await deliverOne(config.db, deliveryId, {
      email: emailConfig,
      telegram,
      finalAttempt: helpers.job.attempts >= helpers.job.max_attempts,
    });
  };

  const eventPayload = z.object({ notificationId: z.string().uuid() });
  const deliverEventEmail: Task = async (payload, helpers) => {
    const { notificationId } = eventPayload.parse(payload);
    const outcome = await deliverEvent(config.db, { notificationId }, emailConfig);
    if (!outcome.done) {
      await helpers.addJob(DELIVER_EVENT_TASK, { notificationId }, {
        runAt: new Date(Date.now() + outcome.retryInMs),
        jobKey: `${DELIVER_EVENT_TASK}:${notificationId}`,
        maxAttempts: retry.chunkJobMaxAttempts,
      });
    }
  };

  const maintenance: Task = async () => {
    const report = await runMaintenance(config.db, config.retention ?? retentionPolicy());
    log('worker').info(report, 'maintenance done');
  };

  // A chunk that throws (the database away too long) is retried by graphile-worker; its done accounts stay done.
  const broadcastChunkPayload = z.object({ broadcastId: z.string().uuid(), chunk: z.number().int().min(0) });
  const publishBroadcastChunkTask: Task = async (payload) => {
    await publishBroadcastChunk(config.db, broadcastChunkPayload.parse(payload));
  };

  return {
    [MAINTENANCE_TASK]: maintenance,
    [BROADCAST_CHUNK_TASK]: publishBroadcastChunkTask,
    [SEND_EMAIL_TASK]: sendEmail,
    [DELIVER_EVENT_TASK]: deliverEventEmail,
    [DELIVER_EMAIL_TASK]: deliverEmail,
    [DELIVER_TELEGRAM_TASK]: deliverTelegram,
    [DELIVER_ONE_TASK]: deliverSingle,
  };
}
