-- Notifications and deliveries become partitioned by month (declarative range
-- partitioning on created_at), so retention drops a whole expired month
-- instead of deleting millions of rows; lib/ops/partitions.ts creates the
-- months ahead and drops the expired ones. A delivery's created_at is its
-- notification's, so a notification and its deliveries share a month.
-- Every existing row is copied; the copy is checked by count before the old
-- tables go. The publishing API's Idempotency-Key records move to their own
-- table, kept 24 hours.
CREATE TABLE "publish_requests" (
	"api_key_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publish_requests_api_key_id_idempotency_key_pk" PRIMARY KEY("api_key_id","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "publish_requests" ADD CONSTRAINT "publish_requests_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "publish_requests_created_idx" ON "publish_requests" USING btree ("created_at");--> statement-breakpoint
INSERT INTO "publish_requests" ("api_key_id", "idempotency_key", "request_hash", "response", "created_at")
  SELECT "api_key_id", "idempotency_key", "request_hash", "response", "created_at" FROM "notifications"
  WHERE "api_key_id" IS NOT NULL AND "idempotency_key" IS NOT NULL AND "request_hash" IS NOT NULL;
--> statement-breakpoint
CREATE SCHEMA "an_unpartitioned";--> statement-breakpoint
ALTER TABLE "notifications" SET SCHEMA "an_unpartitioned";--> statement-breakpoint
ALTER TABLE "deliveries" SET SCHEMA "an_unpartitioned";--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" "notification_kind" DEFAULT 'category' NOT NULL,
	"category" "notification_category",
	"type_key" text NOT NULL,
	"availability" "availability",
	"event_key" text,
	"customer_account_id" uuid,
	"initiator" jsonb,
	"outcome" "event_outcome",
	"project_id" uuid,
	"subject" text NOT NULL,
	"summary" text,
	"content" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"api_key_id" uuid,
	"rendered" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_id_created_at_pk" PRIMARY KEY("id","created_at"),
	CONSTRAINT "notifications_project_matches_availability" CHECK (("availability" = 'project_users') = ("project_id" is not null)),
	CONSTRAINT "notifications_kind_fields" CHECK (("kind" = 'category' and "category" is not null and "availability" is not null
            and "event_key" is null and "customer_account_id" is null and "outcome" is null)
        or ("kind" = 'event' and "event_key" is not null and "customer_account_id" is not null and "outcome" is not null
            and "category" is null and "availability" is null and "project_id" is null))
) PARTITION BY RANGE ("created_at");
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_customer_account_id_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_account_id_project_id_projects_account_id_id_fk" FOREIGN KEY ("account_id","project_id") REFERENCES "public"."projects"("account_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_account_created_idx" ON "notifications" USING btree ("account_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_customer_idx" ON "notifications" USING btree ("customer_account_id") WHERE "notifications"."customer_account_id" is not null;--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" bigserial NOT NULL,
	"notification_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" text,
	"channel" "delivery_channel" NOT NULL,
	"address" text NOT NULL,
	"recipient_name" text,
	"chunk" integer DEFAULT 0 NOT NULL,
	"status" "delivery_status" DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"provider_message_id" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_id_created_at_pk" PRIMARY KEY("id","created_at")
) PARTITION BY RANGE ("created_at");
--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_unique_recipient" ON "deliveries" USING btree ("notification_id","channel","address","created_at");--> statement-breakpoint
CREATE INDEX "deliveries_chunk_idx" ON "deliveries" USING btree ("notification_id","channel","chunk");--> statement-breakpoint
CREATE INDEX "deliveries_inbox_idx" ON "deliveries" USING btree ("user_id","account_id","created_at" DESC NULLS LAST) WHERE "deliveries"."channel" = 'in_app';--> statement-breakpoint
CREATE INDEX "deliveries_provider_id_idx" ON "deliveries" USING btree ("provider_message_id") WHERE "deliveries"."provider_message_id" is not null;--> statement-breakpoint
CREATE INDEX "deliveries_sending_idx" ON "deliveries" USING btree ("updated_at") WHERE "deliveries"."status" = 'sending';--> statement-breakpoint
-- One partition of each table per calendar month (UTC), named <table>_pYYYYMM, for every month
-- from p_from's to p_to's; returns how many it created. Serialized, so two workers may call it at once.
CREATE FUNCTION an_ensure_month_partitions(p_from timestamptz, p_to timestamptz) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  month_start timestamp := date_trunc('month', p_from AT TIME ZONE 'UTC');
  last_month timestamp := date_trunc('month', p_to AT TIME ZONE 'UTC');
  parent text;
  partition text;
  created integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('an_ensure_month_partitions'));
  WHILE month_start <= last_month LOOP
    FOREACH parent IN ARRAY ARRAY['notifications', 'deliveries'] LOOP
      partition := parent || '_p' || to_char(month_start, 'YYYYMM');
      IF to_regclass(format('public.%I', partition)) IS NULL THEN
        EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I FOR VALUES FROM (%L) TO (%L)',
          partition, parent, month_start::text || '+00', (month_start + interval '1 month')::text || '+00');
        created := created + 1;
      END IF;
    END LOOP;
    month_start := month_start + interval '1 month';
  END LOOP;
  RETURN created;
END;
$$;
--> statement-breakpoint
SELECT an_ensure_month_partitions(coalesce((SELECT min("created_at") FROM "an_unpartitioned"."notifications"), now()), now() + interval '2 months');--> statement-breakpoint
INSERT INTO "notifications" ("id", "account_id", "kind", "category", "type_key", "availability", "event_key", "customer_account_id",
    "initiator", "outcome", "project_id", "subject", "summary", "content", "api_key_id", "rendered", "created_at")
  SELECT "id", "account_id", "kind", "category", "type_key", "availability", "event_key", "customer_account_id",
    "initiator", "outcome", "project_id", "subject", "summary", "content", "api_key_id", "rendered", "created_at"
  FROM "an_unpartitioned"."notifications";
--> statement-breakpoint
INSERT INTO "deliveries" ("id", "notification_id", "account_id", "user_id", "channel", "address", "recipient_name", "chunk", "status",
    "attempts", "last_error", "provider_message_id", "read_at", "created_at", "updated_at")
  SELECT d."id", d."notification_id", d."account_id", d."user_id", d."channel", d."address", d."recipient_name", d."chunk", d."status",
    d."attempts", d."last_error", d."provider_message_id", d."read_at", n."created_at", d."updated_at"
  FROM "an_unpartitioned"."deliveries" d JOIN "an_unpartitioned"."notifications" n ON n."id" = d."notification_id";
--> statement-breakpoint
DO $$
BEGIN
  IF (SELECT count(*) FROM "notifications") <> (SELECT count(*) FROM "an_unpartitioned"."notifications")
     OR (SELECT count(*) FROM "deliveries") <> (SELECT count(*) FROM "an_unpartitioned"."deliveries") THEN
    RAISE EXCEPTION 'the copy to the partitioned tables lost rows; nothing was changed';
  END IF;
END;
$$;
--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('deliveries', 'id'), coalesce((SELECT max("id") FROM "deliveries"), 0) + 1, false);--> statement-breakpoint
DROP SCHEMA "an_unpartitioned" CASCADE;--> statement-breakpoint
-- The checks of migration 0005, now on the partitioned tables and with the month: a delivery's
-- notification exists and has the delivery's created_at (one anti-join per statement).
CREATE OR REPLACE FUNCTION deliveries_notification_exists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM inserted i
    WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.id = i.notification_id AND n.created_at = i.created_at)
  ) THEN
    RAISE EXCEPTION 'delivery references a notification that does not exist (or not with its created_at)' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER deliveries_notification_exists
  AFTER INSERT ON deliveries
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION deliveries_notification_exists();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION deliveries_follow_notification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM deliveries d USING deleted n WHERE d.notification_id = n.id AND d.created_at = n.created_at;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER notifications_delete_deliveries
  AFTER DELETE ON notifications
  REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION deliveries_follow_notification();
--> statement-breakpoint
CREATE TRIGGER deliveries_notification_immutable
  BEFORE UPDATE OF notification_id, created_at ON deliveries
  FOR EACH ROW WHEN (OLD.notification_id IS DISTINCT FROM NEW.notification_id OR OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION deliveries_notification_immutable();
