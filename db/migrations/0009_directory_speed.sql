ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_account_id_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_actor_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_actor_api_key_id_api_keys_id_fk";
--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_target_user_id_users_id_fk";
--> statement-breakpoint
-- The same guarantees as the four foreign keys, checked once per statement over
-- all inserted entries (anti-joins) instead of once per row and reference.
CREATE FUNCTION audit_log_references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Each distinct reference is looked up once, by its index ("limit 1" keeps the planner from
  -- hashing the whole referenced table): a snapshot's thousands of entries name one account,
  -- one key and as many people as changed.
  IF EXISTS (
    SELECT 1 FROM (SELECT DISTINCT account_id AS id FROM inserted) i
    LEFT JOIN LATERAL (SELECT 1 AS found FROM accounts a WHERE a.id = i.id LIMIT 1) f ON true
    WHERE f.found IS NULL
  ) THEN
    RAISE EXCEPTION 'audit entry references an account that does not exist' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF EXISTS (
    SELECT 1 FROM (
      SELECT actor_user_id AS id FROM inserted WHERE actor_user_id IS NOT NULL
      UNION SELECT target_user_id FROM inserted WHERE target_user_id IS NOT NULL
    ) i
    LEFT JOIN LATERAL (SELECT 1 AS found FROM users u WHERE u.id = i.id LIMIT 1) f ON true
    WHERE f.found IS NULL
  ) THEN
    RAISE EXCEPTION 'audit entry references a user that does not exist' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF EXISTS (
    SELECT 1 FROM (SELECT DISTINCT actor_api_key_id AS id FROM inserted WHERE actor_api_key_id IS NOT NULL) i
    LEFT JOIN LATERAL (SELECT 1 AS found FROM api_keys k WHERE k.id = i.id LIMIT 1) f ON true
    WHERE f.found IS NULL
  ) THEN
    RAISE EXCEPTION 'audit entry references an API key that does not exist' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_references_exist
  AFTER INSERT ON audit_log
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_references_exist();
--> statement-breakpoint
-- ON DELETE CASCADE from accounts.
CREATE FUNCTION audit_log_follow_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM audit_log l USING deleted d WHERE l.account_id = d.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER accounts_delete_audit_log
  AFTER DELETE ON accounts
  REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_follow_account();
--> statement-breakpoint
-- ON DELETE SET NULL from users and api_keys.
CREATE FUNCTION audit_log_forget_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE audit_log SET actor_user_id = NULL WHERE actor_user_id IN (SELECT id FROM deleted);
  UPDATE audit_log SET target_user_id = NULL WHERE target_user_id IN (SELECT id FROM deleted);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_forget_audit_log
  AFTER DELETE ON users
  REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_forget_user();
--> statement-breakpoint
CREATE FUNCTION audit_log_forget_api_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE audit_log SET actor_api_key_id = NULL WHERE actor_api_key_id IN (SELECT id FROM deleted);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER api_keys_forget_audit_log
  AFTER DELETE ON api_keys
  REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_forget_api_key();
--> statement-breakpoint
-- An entry's references never move to another row (clearing one, as the deletes above do, is allowed),
-- so the insert-time check cannot be bypassed.
CREATE FUNCTION audit_log_references_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'an audit entry cannot be moved to another account, person or key' USING ERRCODE = 'foreign_key_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_references_immutable
  BEFORE UPDATE ON audit_log
  FOR EACH ROW WHEN (
    NEW.account_id IS DISTINCT FROM OLD.account_id
    OR (NEW.actor_user_id IS NOT NULL AND NEW.actor_user_id IS DISTINCT FROM OLD.actor_user_id)
    OR (NEW.target_user_id IS NOT NULL AND NEW.target_user_id IS DISTINCT FROM OLD.target_user_id)
    OR (NEW.actor_api_key_id IS NOT NULL AND NEW.actor_api_key_id IS DISTINCT FROM OLD.actor_api_key_id)
  )
  EXECUTE FUNCTION audit_log_references_immutable();
--> statement-breakpoint
-- "At least one owner" can only be broken by changing or deleting a row that
-- was the owner's: the deferred check now fires for those rows alone, not for
-- every membership a directory snapshot changes or removes.
DROP TRIGGER memberships_keep_owner ON memberships;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER memberships_keep_owner
  AFTER UPDATE OR DELETE ON memberships
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.role = 'owner')
  EXECUTE FUNCTION account_must_have_owner();
