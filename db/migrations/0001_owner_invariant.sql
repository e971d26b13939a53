-- Every account has exactly one owner. The partial unique index
-- memberships_one_owner guarantees "at most one"; this deferred constraint
-- trigger checks "at least one" at commit, so an account and its owner can be
-- created in one transaction and ownership can be handed over inside one.
CREATE FUNCTION account_must_have_owner() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  acc uuid;
BEGIN
  IF TG_TABLE_NAME = 'accounts' THEN
    acc := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    acc := OLD.account_id;
  ELSE
    acc := NEW.account_id;
  END IF;
  -- An account deleted in the same transaction takes its memberships with it.
  IF NOT EXISTS (SELECT 1 FROM accounts WHERE id = acc) THEN
    RETURN NULL;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM memberships WHERE account_id = acc AND role = 'owner') THEN
    RAISE EXCEPTION 'account % must have exactly one owner', acc USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'memberships' AND OLD.account_id <> NEW.account_id
     AND EXISTS (SELECT 1 FROM accounts WHERE id = OLD.account_id)
     AND NOT EXISTS (SELECT 1 FROM memberships WHERE account_id = OLD.account_id AND role = 'owner') THEN
    RAISE EXCEPTION 'account % must have exactly one owner', OLD.account_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER accounts_have_owner
  AFTER INSERT ON accounts
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION account_must_have_owner();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER memberships_keep_owner
  AFTER UPDATE OR DELETE ON memberships
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION account_must_have_owner();
--> statement-breakpoint
-- A customer's reseller must be a reseller account.
CREATE FUNCTION account_reseller_must_be_reseller() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.reseller_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM accounts WHERE id = NEW.reseller_id AND is_reseller) THEN
    RAISE EXCEPTION 'account % is not a reseller', NEW.reseller_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER accounts_reseller_is_reseller
  BEFORE INSERT OR UPDATE OF reseller_id ON accounts
  FOR EACH ROW EXECUTE FUNCTION account_reseller_must_be_reseller();
