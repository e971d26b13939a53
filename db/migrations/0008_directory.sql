ALTER TYPE "public"."delivery_status" ADD VALUE 'skipped';--> statement-breakpoint
DROP INDEX "projects_account_name";--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "ref" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "scopes" text[] DEFAULT '{publish}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "actor_api_key_id" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "ref" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_api_key_id_api_keys_id_fk" FOREIGN KEY ("actor_api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_ref" ON "accounts" USING btree ("ref");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_account_ref" ON "projects" USING btree ("account_id","ref") WHERE "projects"."removed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "projects_account_name" ON "projects" USING btree ("account_id","name") WHERE "projects"."removed_at" is null;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_ref_shape" CHECK ("accounts"."ref" ~ '^[A-Za-z0-9._:-]{1,128}$');--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_scopes_known" CHECK (cardinality("api_keys"."scopes") > 0 and "api_keys"."scopes" <@ array['publish', 'directory']::text[]);--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_ref_shape" CHECK ("projects"."ref" ~ '^[A-Za-z0-9._:-]{1,128}$');