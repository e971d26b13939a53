ALTER TABLE "deliveries" DROP CONSTRAINT "deliveries_notification_id_notifications_id_fk";
--> statement-breakpoint
-- The same guarantee as the foreign key, checked once per statement over all
-- inserted rows (a set-based anti-join) instead of once per row.
CREATE FUNCTION deliveries_notification_exists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM inserted i
    WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.id = i.notification_id)
  ) THEN
    RAISE EXCEPTION 'delivery references a notification that does not exist' USING ERRCODE = 'foreign_key_violation';
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
CREATE FUNCTION deliveries_follow_notification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM deliveries d USING deleted n WHERE d.notification_id = n.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER notifications_delete_deliveries
  AFTER DELETE ON notifications
  REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION deliveries_follow_notification();
--> statement-breakpoint
-- Changing a delivery's notification is never done; forbid it so the check above cannot be bypassed.
CREATE FUNCTION deliveries_notification_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a delivery cannot move to another notification' USING ERRCODE = 'foreign_key_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER deliveries_notification_immutable
  BEFORE UPDATE OF notification_id ON deliveries
  FOR EACH ROW WHEN (OLD.notification_id IS DISTINCT FROM NEW.notification_id)
  EXECUTE FUNCTION deliveries_notification_immutable();
