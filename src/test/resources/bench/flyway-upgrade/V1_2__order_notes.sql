-- UpgradeBenchmark: release 1.2.0 of provisioning-next (one column with an index) as a Flyway user would write it.
ALTER TABLE orders ADD COLUMN notes VARCHAR(500);
CREATE INDEX orders_notes_idx ON orders (notes);
