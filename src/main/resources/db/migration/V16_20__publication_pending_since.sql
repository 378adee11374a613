-- When the oldest change not yet in Redis was committed. `changed_at` is the newest change and moves with every
-- save, so a tenant saved again and again while its publications fail never looked overdue; the backlog's
-- "overdue" counts from this column instead. NULL while Redis holds every change.
ALTER TABLE publication ADD COLUMN pending_since TIMESTAMPTZ;
UPDATE publication SET pending_since = changed_at WHERE published_sequence < sequence;
