-- Fix for 0001: PL/pgSQL plans a whole IF condition at once, so
-- `OLD.account_id` in a condition that also runs for INSERT ON accounts
-- failed with 'record "old" has no field "account_id"' and no account could
-- be created. The membership-moved check now sits in its own nested IF.
CREATE OR REPLACE FUNCTION account_must_have_owner() RETURNS trigger LANGUAGE plpgsql AS $$
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
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'memberships' THEN
    IF OLD.account_id <> NEW.account_id
       AND EXISTS (SELECT 1 FROM accounts WHERE id = OLD.account_id)
       AND NOT EXISTS (SELECT 1 FROM memberships WHERE account_id = OLD.account_id AND role = 'owner') THEN
      RAISE EXCEPTION 'account % must have exactly one owner', OLD.account_id USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
