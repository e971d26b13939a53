import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { mailMessages } from '@/db/schema';
import { templates, type TemplateName, type TemplateProps } from './templates';
import { retryPolicy } from '@/lib/delivery/retry-policy';

export const SEND_EMAIL_TASK = 'send_email';

export type QueueMailInput<N extends TemplateName> = {
  to: string[];
  cc?: string[];
  template: N;
  props: TemplateProps<N>;
  accountId?: string | null;
};

/**
 * Queues one e-mail: the message row and its job are written in the caller's
 * transaction, so a rollback sends nothing and a commit always sends.
 */
export async function queueMail<N extends TemplateName>(tx: Tx, input: QueueMailInput<N>): Promise<string> {
  const props = templates[input.template].props.parse(input.props) as Record<string, unknown>;
  const [row] = await tx
    .insert(mailMessages)
    .values({ to: input.to, cc: input.cc ?? [], template: input.template, props, accountId: input.accountId ?? null })
    .returning({ id: mailMessages.id });
  await tx.execute(
    sql`select graphile_worker.add_job(${SEND_EMAIL_TASK}, json_build_object('id', ${row.id}::text), max_attempts => ${retryPolicy().singleJobMaxAttempts.mail}::int)`,
  );
  return row.id;
}
