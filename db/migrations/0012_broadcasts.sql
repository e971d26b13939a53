CREATE TABLE "broadcast_accounts" (
	"broadcast_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"chunk" integer NOT NULL,
	"notification_id" uuid,
	"processed_at" timestamp with time zone,
	CONSTRAINT "broadcast_accounts_broadcast_id_account_id_pk" PRIMARY KEY("broadcast_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "broadcasts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"api_key_id" uuid,
	"category" "notification_category" NOT NULL,
	"type_key" text NOT NULL,
	"availability" "availability" NOT NULL,
	"subject" text NOT NULL,
	"summary" text,
	"content" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"closed_skipped" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "broadcasts_no_project" CHECK ("broadcasts"."availability" <> 'project_users')
);
--> statement-breakpoint
ALTER TABLE "broadcast_accounts" ADD CONSTRAINT "broadcast_accounts_broadcast_id_broadcasts_id_fk" FOREIGN KEY ("broadcast_id") REFERENCES "public"."broadcasts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_accounts" ADD CONSTRAINT "broadcast_accounts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "broadcast_accounts_chunk_idx" ON "broadcast_accounts" USING btree ("broadcast_id","chunk");