import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { RecipientSpec } from '../lib/events/recipient-spec';

// ---------------------------------------------------------------------------
// People and Auth.js. Auth.js calls its OAuth table "account"; ours is
// `auth_accounts` so that "account" can mean what it means in the product:
// the customer account (tenant).
// ---------------------------------------------------------------------------

export const users = pgTable('users', {
  id: text('id')
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text('name'),
  email: text('email').notNull().unique(),
  emailVerified: timestamp('email_verified', { mode: 'date', withTimezone: true }),
  image: text('image'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /**
   * The language the panel speaks to this person (lib/i18n/locales.ts), null until they choose one
   * or first sign in. No CHECK of the values: a new language is a new catalog file, not a migration;
   * an unknown value reads as "not chosen" (lib/i18n/locales.ts, toLocale).
   */
  locale: text('locale'),
});

/**
 * When each person last signed in, by any way in (magic link, demo, SSO, invitation): written by a
 * trigger on every new row of `sessions` (migration 0010), so no sign-in path can forget it. Its
 * own table: a sign-in does not rewrite the person's row.
 */
export const userSignIns = pgTable('user_sign_ins', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }).notNull(),
});

export const authAccounts = pgTable(
  'auth_accounts',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').$type<'email' | 'oauth' | 'oidc' | 'webauthn'>().notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    refresh_token: text('refresh_token'),
    access_token: text('access_token'),
    expires_at: integer('expires_at'),
    token_type: text('token_type'),
    scope: text('scope'),
    id_token: text('id_token'),
    session_state: text('session_state'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable('sessions', {
  sessionToken: text('session_token').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expires: timestamp('expires', { mode: 'date', withTimezone: true }).notNull(),
});

export const verificationTokens = pgTable(
  'verification_tokens',
  {
    identifier: text('identifier').notNull(),
    token: text('token').notNull(),
    expires: timestamp('expires', { mode: 'date', withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ---------------------------------------------------------------------------
// Tenancy
// ---------------------------------------------------------------------------

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    isReseller: boolean('is_reseller').notNull().default(false),
    /** Set on a customer account of a reseller (seed 002). */
    resellerId: uuid('reseller_id'),
    /** The host platform's own reference (directory API); null for accounts made in the panel or the seed. */
    ref: text('ref'),
    /** Closed by the directory: members lose access and no notification is accepted; history is kept. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('accounts_ref').on(t.ref),
    check('accounts_ref_shape', sql`${t.ref} ~ '^[A-Za-z0-9._:-]{1,128}$'`),
    foreignKey({ columns: [t.resellerId], foreignColumns: [t.id] }).onDelete('restrict'),
    check('accounts_not_own_reseller', sql`${t.resellerId} is null or ${t.resellerId} <> ${t.id}`),
    check('accounts_reseller_has_no_reseller', sql`not (${t.isReseller} and ${t.resellerId} is not null)`),
    check('accounts_name_not_blank', sql`length(trim(${t.name})) > 0`),
    index('accounts_reseller_idx').on(t.resellerId),
  ],
);

/**
 * A person's role in one account. `project_member` means the person has no
 * account-level role: their access comes only from `project_memberships`.
 */
export const memberRole = pgEnum('member_role', [
  'owner',
  'account_admin',
  'billing_admin',
  'user_admin',
  'subscriber',
  'project_member',
]);
export type MemberRole = (typeof memberRole.enumValues)[number];

export const memberships = pgTable(
  'memberships',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.userId] }),
    // At most one owner here; "at least one" is a deferred trigger in the migrations.
    uniqueIndex('memberships_one_owner').on(t.accountId).where(sql`${t.role} = 'owner'`),
    index('memberships_user_idx').on(t.userId),
  ],
);

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The host platform's reference, unique among the account's live projects (directory API). */
    ref: text('ref'),
    /**
     * Removed by the directory. The row stays because published notifications refer to it
     * (their availability names the project); its memberships are deleted.
     */
    removedAt: timestamp('removed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('projects_account_id_id').on(t.accountId, t.id),
    uniqueIndex('projects_account_name').on(t.accountId, t.name).where(sql`${t.removedAt} is null`),
    uniqueIndex('projects_account_ref').on(t.accountId, t.ref).where(sql`${t.removedAt} is null`),
    check('projects_ref_shape', sql`${t.ref} ~ '^[A-Za-z0-9._:-]{1,128}$'`),
  ],
);

export const projectRole = pgEnum('project_role', ['project_admin', 'project_supervisor']);
export type ProjectRole = (typeof projectRole.enumValues)[number];

export const projectMemberships = pgTable(
  'project_memberships',
  {
    projectId: uuid('project_id').notNull(),
    accountId: uuid('account_id').notNull(),
    userId: text('user_id').notNull(),
    role: projectRole('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.userId] }),
    // Both keys include the account: a project membership can never cross tenants.
    foreignKey({ columns: [t.accountId, t.projectId], foreignColumns: [projects.accountId, projects.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.accountId, t.userId], foreignColumns: [memberships.accountId, memberships.userId] }).onDelete(
      'cascade',
    ),
    index('project_memberships_account_user_idx').on(t.accountId, t.userId),
  ],
);

// ---------------------------------------------------------------------------
// Invitations (Access control → Users): a person invited by e-mail becomes a
// member when they open the link. Only the token's SHA-256 is stored.
// ---------------------------------------------------------------------------

export type InvitedProjectRole = { projectId: string; role: ProjectRole };

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** Lower case. */
    email: text('email').notNull(),
    role: memberRole('role').notNull(),
    projectRoles: jsonb('project_roles').$type<InvitedProjectRole[]>().notNull().default([]),
    tokenHash: text('token_hash').notNull(),
    invitedByUserId: text('invited_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Last (re)sent; a resend issues a new token and a new expiry. */
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedByUserId: text('accepted_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('invitations_token_hash').on(t.tokenHash),
    // One open invitation per address and account: inviting again resends it.
    uniqueIndex('invitations_open_email')
      .on(t.accountId, t.email)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
    index('invitations_account_created_idx').on(t.accountId, t.createdAt.desc()),
    check('invitations_not_owner', sql`${t.role} <> 'owner'`),
    check('invitations_email_lower', sql`${t.email} = lower(${t.email})`),
  ],
);
export type Invitation = typeof invitations.$inferSelect;

// ---------------------------------------------------------------------------
// Category subscriptions (seeds 000/001). The Owner is never stored here: the
// Owner receives every category by rule, not by subscription.
// ---------------------------------------------------------------------------

export const notificationCategory = pgEnum('notification_category', [
  'account_agreement',
  'accounting_documents',
  'balance_payments',
  'scheduled_maintenance',
  'services',
]);
export type NotificationCategory = (typeof notificationCategory.enumValues)[number];

export const subscriptions = pgTable(
  'subscriptions',
  {
    accountId: uuid('account_id').notNull(),
    userId: text('user_id').notNull(),
    category: notificationCategory('category').notNull(),
    addedByUserId: text('added_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.category, t.userId] }),
    // Leaving the account ends its subscriptions.
    foreignKey({ columns: [t.accountId, t.userId], foreignColumns: [memberships.accountId, memberships.userId] }).onDelete(
      'cascade',
    ),
    index('subscriptions_account_user_idx').on(t.accountId, t.userId),
  ],
);

// ---------------------------------------------------------------------------
// Audit log: who did what to whom, when and from where.
// ---------------------------------------------------------------------------

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // No per-row foreign keys here: a directory snapshot writes thousands of entries in one
    // statement, and four row-by-row checks per entry were most of its time. Statement-level
    // triggers keep the same guarantees — every reference exists at insert (one anti-join per
    // statement), deleting an account deletes its entries, deleting a user or an API key sets
    // the reference to null — and the references cannot be changed (migration 0009).
    accountId: uuid('account_id').notNull(),
    actorUserId: text('actor_user_id'),
    /** Set instead of the user when the host platform made the change through the directory API. */
    actorApiKeyId: uuid('actor_api_key_id'),
    action: text('action').notNull(),
    targetUserId: text('target_user_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_account_created_idx').on(t.accountId, t.createdAt.desc(), t.id.desc())],
);

// ---------------------------------------------------------------------------
// Transactional mail (magic links, unsubscribe notices, test sends): one row
// per message, written in the same transaction as its job (outbox).
// ---------------------------------------------------------------------------

export const mailStatus = pgEnum('mail_status', ['queued', 'sending', 'sent', 'failed']);
export type MailStatus = (typeof mailStatus.enumValues)[number];

export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    to: text('to').array().notNull(),
    cc: text('cc').array().notNull().default(sql`'{}'::text[]`),
    template: text('template').notNull(),
    props: jsonb('props').$type<Record<string, unknown>>().notNull(),
    status: mailStatus('status').notNull().default('queued'),
    transport: text('transport').$type<'resend' | 'mailbox'>(),
    providerMessageId: text('provider_message_id'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    check('mail_messages_has_recipient', sql`cardinality(${t.to}) > 0`),
    index('mail_messages_created_idx').on(t.createdAt.desc()),
  ],
);

/**
 * The local mailbox: where e-mail lands when no Resend key is configured.
 * `idempotency_key` plays the role of Resend's Idempotency-Key header, so a
 * retried send never shows up twice.
 */
export const mailboxMessages = pgTable(
  'mailbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    from: text('from').notNull(),
    to: text('to').array().notNull(),
    cc: text('cc').array().notNull().default(sql`'{}'::text[]`),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mailbox_messages_created_idx').on(t.createdAt.desc())],
);

export type User = typeof users.$inferSelect;
export type Account = typeof accounts.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Project = typeof projects.$inferSelect;
export type Subscription = typeof subscriptions.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type MailMessage = typeof mailMessages.$inferSelect;
export type MailboxMessage = typeof mailboxMessages.$inferSelect;

// ---------------------------------------------------------------------------
// Telegram (seeds 000/001, "Connect notifications in Telegram"). One chat per
// person, serving all of their accounts.
// ---------------------------------------------------------------------------

export const telegramLinkStatus = pgEnum('telegram_link_status', ['active', 'inactive']);

export const telegramLinks = pgTable(
  'telegram_links',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    username: text('username'),
    firstName: text('first_name'),
    /** `inactive` after Telegram answered 403 (bot blocked): the panel asks to reconnect. */
    status: telegramLinkStatus('status').notNull().default('active'),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  // A chat belongs to one person: linking it again from another sign-in moves it.
  (t) => [uniqueIndex('telegram_links_chat').on(t.chatId)],
);

/** Single-use, short-lived deep-link tokens; only a hash is stored. */
export const telegramLinkTokens = pgTable(
  'telegram_link_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('telegram_link_tokens_user_idx').on(t.userId, t.createdAt.desc())],
);

/** Telegram update ids already handled, so a redelivered update is ignored. */
export const telegramUpdates = pgTable('telegram_updates', {
  updateId: bigint('update_id', { mode: 'number' }).primaryKey(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The local Telegram simulator (no bot token): what the bot "sent" and what a
 * simulated user typed, shown at /dev/telegram.
 */
export const telegramSimMessages = pgTable(
  'telegram_sim_messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    direction: text('direction').$type<'from_bot' | 'from_user'>().notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('telegram_sim_messages_chat_idx').on(t.chatId, t.id)],
);

export type TelegramLink = typeof telegramLinks.$inferSelect;

// ---------------------------------------------------------------------------
// Publishing and delivery (SPEC §4)
// ---------------------------------------------------------------------------

export const API_SCOPES = ['publish', 'directory'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Keys for the publishing API. Only a SHA-256 of the secret is stored; the prefix identifies a key in lists. */
export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  /** What the key may do: `publish` (notifications, events) and/or `directory` (accounts, members, projects). */
  scopes: text('scopes').array().$type<ApiScope[]>().notNull().default(sql`'{publish}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
}, (t) => [
  check('api_keys_scopes_known', sql`cardinality(${t.scopes}) > 0 and ${t.scopes} <@ array['publish', 'directory']::text[]`),
]);

export const availability = pgEnum('availability', ['all_users', 'account_users', 'project_users']);

/** A category notification (seeds 000/001) or a reseller event (seed 002). */
export const notificationKind = pgEnum('notification_kind', ['category', 'event']);
export type NotificationKind = (typeof notificationKind.enumValues)[number];

/** What became of a published reseller event. */
export const eventOutcome = pgEnum('event_outcome', ['sent', 'not_sent_disabled', 'not_sent_no_recipients']);
export type EventOutcome = (typeof eventOutcome.enumValues)[number];

/**
 * One published notification. Its availability is fixed here and never changes.
 * A reseller event is a notification too (kind 'event', in the reseller's
 * account, about one of its customers), so it shares deliveries, jobs,
 * webhooks, suppression and the delivery log.
 */
/**
 * Partitioned by month on `created_at` (migration 0011; lib/ops/partitions.ts
 * keeps the months ahead and drops the expired ones), so the primary key
 * carries `created_at`.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').notNull().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: notificationKind('kind').notNull().default('category'),
    /** Category notifications only. */
    category: notificationCategory('category'),
    /** The notification type, or for an event its event key. */
    typeKey: text('type_key').notNull(),
    /** Category notifications only. */
    availability: availability('availability'),
    /** Events only: the event of lib/events/catalog.ts, the customer it is about, who caused it, and what became of it. */
    eventKey: text('event_key'),
    customerAccountId: uuid('customer_account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    initiator: jsonb('initiator').$type<{ name?: string; email: string }>(),
    outcome: eventOutcome('outcome'),
    projectId: uuid('project_id'),
    subject: text('subject').notNull(),
    summary: text('summary'),
    content: jsonb('content').$type<Record<string, unknown>>().notNull().default({}),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    /** The e-mail rendered once, with per-recipient placeholders (see lib/delivery/render.ts). */
    rendered: jsonb('rendered').$type<{ subject: string; html: string; text: string }>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.createdAt] }),
    index('notifications_account_created_idx').on(t.accountId, t.createdAt.desc()),
    foreignKey({ columns: [t.accountId, t.projectId], foreignColumns: [projects.accountId, projects.id] }),
    check('notifications_project_matches_availability', sql`(${t.availability} = 'project_users') = (${t.projectId} is not null)`),
    check(
      'notifications_kind_fields',
      sql`(${t.kind} = 'category' and ${t.category} is not null and ${t.availability} is not null
            and ${t.eventKey} is null and ${t.customerAccountId} is null and ${t.outcome} is null)
        or (${t.kind} = 'event' and ${t.eventKey} is not null and ${t.customerAccountId} is not null and ${t.outcome} is not null
            and ${t.category} is null and ${t.availability} is null and ${t.projectId} is null)`,
    ),
    index('notifications_customer_idx').on(t.customerAccountId).where(sql`${t.customerAccountId} is not null`),
  ],
);

/**
 * The publishing API's Idempotency-Key records: the first answer, replayed for the same key and
 * body. Kept 24 hours (lib/ops/retention.ts), as long as a publisher may retry.
 */
export const publishRequests = pgTable(
  'publish_requests',
  {
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    /** Null while the request that claimed the key is still in its transaction. */
    response: jsonb('response').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.idempotencyKey] }), index('publish_requests_created_idx').on(t.createdAt)],
);

export const deliveryChannel = pgEnum('delivery_channel', ['email', 'telegram', 'in_app']);
export type DeliveryChannel = (typeof deliveryChannel.enumValues)[number];

export const deliveryStatus = pgEnum('delivery_status', [
  'queued',
  'sending',
  'sent',
  'delivered',
  'bounced',
  'complained',
  'failed',
  'suppressed',
  /** Not sent: the recipient left the account (or lost the channel) before it went out. */
  'skipped',
]);
export type DeliveryStatus = (typeof deliveryStatus.enumValues)[number];

/**
 * One row per notification, recipient and channel. `chunk` groups the rows
 * one job sends together (≈100); it never changes, so a retried chunk is the
 * identical provider request.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    // A sequence, not an identity column: PostgreSQL < 17 has no identity on partitioned tables.
    id: bigserial('id', { mode: 'number' }).notNull(),
    // Not a per-row foreign key: its row-by-row check made a 100,000-recipient fan-out three
    // times slower. A statement-level trigger checks each INSERT with one anti-join instead,
    // and deleting a notification deletes its deliveries (migration 0005).
    notificationId: uuid('notification_id').notNull(),
    accountId: uuid('account_id').notNull(),
    userId: text('user_id'),
    channel: deliveryChannel('channel').notNull(),
    /** E-mail address, Telegram chat id, or user id for in-app. */
    address: text('address').notNull(),
    recipientName: text('recipient_name'),
    chunk: integer('chunk').notNull().default(0),
    status: deliveryStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    readAt: timestamp('read_at', { withTimezone: true }),
    /**
     * The notification's `created_at`, not the row's: deliveries are partitioned by it, so a
     * notification and its deliveries share one month and leave together (a trigger checks it).
     */
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.createdAt] }),
    uniqueIndex('deliveries_unique_recipient').on(t.notificationId, t.channel, t.address, t.createdAt),
    index('deliveries_chunk_idx').on(t.notificationId, t.channel, t.chunk),
    index('deliveries_inbox_idx').on(t.userId, t.accountId, t.createdAt.desc()).where(sql`${t.channel} = 'in_app'`),
    index('deliveries_provider_id_idx').on(t.providerMessageId).where(sql`${t.providerMessageId} is not null`),
    index('deliveries_sending_idx').on(t.updatedAt).where(sql`${t.status} = 'sending'`),
  ],
);

/** Addresses that bounced or complained: later deliveries to them are marked suppressed, not sent. */
export const suppressions = pgTable('suppressions', {
  email: text('email').primaryKey(),
  reason: text('reason').$type<'bounced' | 'complained'>().notNull(),
  detail: text('detail'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Resend webhook message ids already applied (Svix redelivers). */
export const resendWebhookEvents = pgTable('resend_webhook_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Shared send-rate state for all workers: the recent dispatch times of a
 * provider, and a pause set by its retry-after.
 */
export const rateLimits = pgTable('rate_limits', {
  name: text('name').primaryKey(),
  recent: timestamp('recent', { withTimezone: true, mode: 'date' }).array().notNull().default(sql`'{}'`),
  pausedUntil: timestamp('paused_until', { withTimezone: true }),
});

/**
 * Request rate limits (sign-in links, the public API), one row per key: the
 * "theoretical arrival time" of the generic cell rate algorithm. Rows whose time
 * has passed carry no state and may be deleted at any moment.
 */
export const requestLimits = pgTable('request_limits', {
  key: text('key').primaryKey(),
  tat: timestamp('tat', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Live worker processes; the sweeper frees jobs held by workers that stopped beating. */
export const workerHeartbeats = pgTable('worker_heartbeats', {
  workerId: text('worker_id').primaryKey(),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Notification = typeof notifications.$inferSelect;
export type Delivery = typeof deliveries.$inferSelect;

// ---------------------------------------------------------------------------
// Broadcasts: one notification to many accounts (POST /api/v1/broadcasts)
// ---------------------------------------------------------------------------

/** A notification published to many accounts at once; each account's copy is an ordinary notification of that account. */
export const broadcasts = pgTable(
  'broadcasts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    category: notificationCategory('category').notNull(),
    typeKey: text('type_key').notNull(),
    availability: availability('availability').notNull(),
    subject: text('subject').notNull(),
    summary: text('summary'),
    content: jsonb('content').$type<Record<string, unknown>>().notNull().default({}),
    /** Accounts the request named (with `all_accounts`: every account) that were closed, so got no copy. */
    closedSkipped: integer('closed_skipped').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // A project belongs to one account: a broadcast's availability never names one.
  (t) => [check('broadcasts_no_project', sql`${t.availability} <> 'project_users'`)],
);

/** The accounts of a broadcast, fixed when it is accepted, each in the chunk whose job publishes its copy. */
export const broadcastAccounts = pgTable(
  'broadcast_accounts',
  {
    broadcastId: uuid('broadcast_id')
      .notNull()
      .references(() => broadcasts.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    chunk: integer('chunk').notNull(),
    /** The account's copy. No foreign key: notifications are partitioned, their key includes `created_at`. */
    notificationId: uuid('notification_id'),
    /** When its chunk published the copy, or found the account closed (then without one). */
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.broadcastId, t.accountId] }), index('broadcast_accounts_chunk_idx').on(t.broadcastId, t.chunk)],
);
export type Broadcast = typeof broadcasts.$inferSelect;

// ---------------------------------------------------------------------------
// Reseller event notifications (seed 002)
// ---------------------------------------------------------------------------

/** The contacts every account (reseller or customer) has; event e-mails go to them by role. */
export const contactKind = pgEnum('contact_kind', ['primary', 'billing', 'account_manager']);
export type ContactKind = (typeof contactKind.enumValues)[number];

/** One contact of an account per kind. The e-mail is validated in code (lib/events/recipients.ts). */
export const accountContacts = pgTable(
  'account_contacts',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: contactKind('kind').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedByUserId: text('updated_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.kind] }),
    check('account_contacts_name_not_blank', sql`length(trim(${t.name})) > 0`),
    check('account_contacts_email_shape', sql`${t.email} ~ '^[^@[:space:][:cntrl:]]+@[^@[:space:][:cntrl:]]+$'`),
  ],
);

/**
 * A reseller's choice for one event: on or off, and To/CC as recipient specs
 * (lib/events/recipients.ts). No row means off with the catalog's defaults;
 * null To/CC also mean the defaults, so a later change of the defaults applies.
 */
export const eventSettings = pgTable(
  'event_settings',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    eventKey: text('event_key').notNull(),
    enabled: boolean('enabled').notNull().default(false),
    to: jsonb('to').$type<RecipientSpec[]>(),
    cc: jsonb('cc').$type<RecipientSpec[]>(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedByUserId: text('updated_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.eventKey] }),
    check('event_settings_recipients_together', sql`(${t.to} is null) = (${t.cc} is null)`),
  ],
);

export type AccountContact = typeof accountContacts.$inferSelect;
export type EventSetting = typeof eventSettings.$inferSelect;
