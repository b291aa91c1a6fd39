-- Issue 11: refunds started here. A refund is recorded before WeChat Pay is asked for it, so until
-- WeChat answers it has no refund_id (and no notification ever told us about it). Its status is then
-- UNKNOWN; refunds in PROCESSING or UNKNOWN carry the time the sweep next asks WeChat about them.
ALTER TABLE refund_record
    ALTER COLUMN refund_id DROP NOT NULL,
    ALTER COLUMN notification_id DROP NOT NULL,
    ADD COLUMN reason        varchar(80),
    ADD COLUMN started_here  boolean      NOT NULL DEFAULT false,
    ADD COLUMN request_id    varchar(64),
    ADD COLUMN check_step    integer      NOT NULL DEFAULT 0 CHECK (check_step >= 0),
    ADD COLUMN check_due_at  timestamptz;

-- The sweep claims due refunds like due orders (FOR UPDATE SKIP LOCKED); only unsettled ones have a due time.
CREATE INDEX refund_record_check_due ON refund_record (tenant_id, check_due_at) WHERE check_due_at IS NOT NULL;
-- An order's refunds, newest first.
CREATE INDEX refund_record_order_newest ON refund_record (order_id, created_at DESC, id DESC);

-- refund_record is under the tenant policy since V20. The sweep's refund claim (reconciliation/
-- Sweep.CLAIM_REFUNDS) runs as payment_cross_tenant: due refunds of every tenant, locked (FOR UPDATE
-- needs an UPDATE privilege) and leased by moving check_due_at. No amount, no key.
GRANT SELECT (id, tenant_id, out_refund_no, check_due_at), UPDATE (check_due_at) ON refund_record
    TO payment_cross_tenant;
