-- The statement-level foreign key of deliveries (0005, 0011) checks each notification an INSERT
-- names once, not each row: a fan-out of 200,000 deliveries names one notification, a broadcast
-- chunk's 40,000 name some 200. Probing notifications once per row took 90 ms of a 700 ms chunk.
CREATE OR REPLACE FUNCTION deliveries_notification_exists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM (SELECT DISTINCT notification_id, created_at FROM inserted) i
    WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.id = i.notification_id AND n.created_at = i.created_at)
  ) THEN
    RAISE EXCEPTION 'delivery references a notification that does not exist (or not with its created_at)' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END;
$$;
