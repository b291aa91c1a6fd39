-- Issue 10: asking WeChat Pay. A merchant account may carry API credentials (the merchant API
-- certificate's serial and its private key, encrypted like the APIv3 key); orders get an expiry, the
-- prepay WeChat gave them, and the time the sweep next asks WeChat about them.

ALTER TABLE merchant_account
    ADD COLUMN merchant_certificate_serial     varchar(64),
    ADD COLUMN merchant_private_key_encrypted  bytea,
    ADD CONSTRAINT merchant_account_api_access_whole
        CHECK ((merchant_certificate_serial IS NULL) = (merchant_private_key_encrypted IS NULL));

-- Orders created before this migration expire 30 minutes after creation (the default TTL) and are
-- asked about at once if they still await payment.
ALTER TABLE orders
    ADD COLUMN expires_at         timestamptz,
    ADD COLUMN prepay_id          varchar(64),
    ADD COLUMN prepay_openid      varchar(128),
    ADD COLUMN prepaid_at         timestamptz,
    ADD COLUMN check_step         integer      NOT NULL DEFAULT 0 CHECK (check_step >= 0),
    ADD COLUMN check_due_at       timestamptz;
UPDATE orders SET expires_at = created_at + interval '30 minutes';
UPDATE orders SET check_due_at = now() WHERE pay_state IN (0, 1, 4);
ALTER TABLE orders ALTER COLUMN expires_at SET NOT NULL;

-- The sweep claims due orders tenant by tenant (FOR UPDATE SKIP LOCKED); only unsettled orders have a
-- due time, so the index holds only them.
CREATE INDEX orders_check_due ON orders (tenant_id, check_due_at) WHERE check_due_at IS NOT NULL;

-- Where a fact came from: a notification (its id), or a query, close or prepay (WeChat's Request-ID).
ALTER TABLE audit_record
    ADD COLUMN source      varchar(16),
    ADD COLUMN request_id  varchar(64);
UPDATE audit_record SET source = 'NOTIFICATION';
ALTER TABLE payment_record
    ALTER COLUMN notification_id DROP NOT NULL,
    ADD COLUMN source      varchar(16),
    ADD COLUMN request_id  varchar(64);
UPDATE payment_record SET source = 'NOTIFICATION';
