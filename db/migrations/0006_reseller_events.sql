CREATE TYPE "public"."contact_kind" AS ENUM('primary', 'billing', 'account_manager');--> statement-breakpoint
CREATE TYPE "public"."event_outcome" AS ENUM('sent', 'not_sent_disabled', 'not_sent_no_recipients');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('category', 'event');--> statement-breakpoint
CREATE TABLE "account_contacts" (
	"account_id" uuid NOT NULL,
	"kind" "contact_kind" NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_user_id" text,
	CONSTRAINT "account_contacts_account_id_kind_pk" PRIMARY KEY("account_id","kind"),
	CONSTRAINT "account_contacts_name_not_blank" CHECK (length(trim("account_contacts"."name")) > 0),
	CONSTRAINT "account_contacts_email_shape" CHECK ("account_contacts"."email" ~ '^[^@[:space:][:cntrl:]]+@[^@[:space:][:cntrl:]]+$')
);
--> statement-breakpoint
CREATE TABLE "event_settings" (
	"account_id" uuid NOT NULL,
	"event_key" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"to" jsonb,
	"cc" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_user_id" text,
	CONSTRAINT "event_settings_account_id_event_key_pk" PRIMARY KEY("account_id","event_key"),
	CONSTRAINT "event_settings_recipients_together" CHECK (("event_settings"."to" is null) = ("event_settings"."cc" is null))
);
--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "category" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "availability" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "kind" "notification_kind" DEFAULT 'category' NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "event_key" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "customer_account_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "initiator" jsonb;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "outcome" "event_outcome";--> statement-breakpoint
ALTER TABLE "account_contacts" ADD CONSTRAINT "account_contacts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_contacts" ADD CONSTRAINT "account_contacts_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_settings" ADD CONSTRAINT "event_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_settings" ADD CONSTRAINT "event_settings_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_customer_account_id_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_customer_idx" ON "notifications" USING btree ("customer_account_id") WHERE "notifications"."customer_account_id" is not null;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_fields" CHECK (("notifications"."kind" = 'category' and "notifications"."category" is not null and "notifications"."availability" is not null
            and "notifications"."event_key" is null and "notifications"."customer_account_id" is null and "notifications"."outcome" is null)
        or ("notifications"."kind" = 'event' and "notifications"."event_key" is not null and "notifications"."customer_account_id" is not null and "notifications"."outcome" is not null
            and "notifications"."category" is null and "notifications"."availability" is null and "notifications"."project_id" is null));