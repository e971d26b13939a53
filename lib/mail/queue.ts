import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { mailMessages } from '@/db/schema';
import { templates, type TemplateName, type TemplateProps } from './templates';
import { retryPolicy } from '@/lib/delivery/retry-policy';

export const SEND_EMAIL_TASK = 'send_email';

/** One job per message: a retry re-queues itself under this key (worker/tasks.ts). */
export const mailJobKey = (id: string) => `${SEND_EMAIL_TASK}:${id}`;

export type QueueMailInput<N extends TemplateName> = {
  to: string[];
  cc?: string[];
  template: N;
  props: TemplateProps<N>;
  accountId?: string | null;
};

/**
 * Queues one e-mail: the message row and its job are written in the caller's
 * transaction, so a rollback sends nothing and a commit always sends. The job
 * retries itself with the policy's back-off (lib/mail/deliver.ts), so the
 * queue's own ceiling only counts crashes, as for a notification's chunks.
 */
export async function queueMail<N extends TemplateName>(tx: Tx, input: QueueMailInput<N>): Promise<string> {
  const props = templates[input.template].props.parse(input.props) as Record<string, unknown>;
  const [row] = await tx
    .insert(mailMessages)
    .values({ to: input.to, cc: input.cc ?? [], template: input.template, props, accountId: input.accountId ?? null })
    .returning({ id: mailMessages.id });
  await tx.execute(
    sql`select graphile_worker.add_job(${SEND_EMAIL_TASK}, json_build_object('id', ${row.id}::text),
          job_key => ${mailJobKey(row.id)}, max_attempts => ${retryPolicy().chunkJobMaxAttempts}::int)`,
  );
  return row.id;
}
