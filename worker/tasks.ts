import type { Task, TaskList } from 'graphile-worker';
import { z } from 'zod';
import type { Db } from '@/db';
import { deliverMail } from '@/lib/mail/deliver';
import { mailboxTransport, resendTransport, type MailTransport } from '@/lib/mail/transport';

export type WorkerConfig = { db: Db; from: string; resendApiKey?: string };

export function mailTransportFor(config: WorkerConfig): MailTransport {
  return config.resendApiKey ? resendTransport(config.resendApiKey) : mailboxTransport(config.db);
}

const sendEmailPayload = z.object({ id: z.string().uuid() });

export function createTaskList(config: WorkerConfig): TaskList {
  const transport = mailTransportFor(config);
  const sendEmail: Task = async (payload, helpers) => {
    const { id } = sendEmailPayload.parse(payload);
    await deliverMail(config.db, id, {
      from: config.from,
      transport,
      finalAttempt: helpers.job.attempts >= helpers.job.max_attempts,
    });
  };
  return { send_email: sendEmail };
}
