-- The foreign key payment_record.order_id had no index: every deleted order made PostgreSQL scan all of
-- payment_record for references (the load benchmark's reset of its earlier orders ran for many minutes once
-- a sweep benchmark had left 10^5 payments). refund_record's foreign key has its index since V2.
CREATE INDEX payment_record_order ON payment_record (order_id);
