-- The operations console's "needs attention" queue. Its groups are computed from the records (callback
-- log, refunds); only what a person did about a group is stored: one row per acknowledgement or
-- resolution, with who, when and a note, never updated or deleted (the trail). A resolution covers the
-- group's occurrences up to covers_until; later ones open the group again.
CREATE SEQUENCE attention_action_id_seq;

CREATE TABLE attention_action (
    id            bigint        PRIMARY KEY DEFAULT nextval('attention_action_id_seq'),
    tenant_id     bigint        NOT NULL CHECK (tenant_id > 0),
    kind          varchar(32)   NOT NULL,
    action        varchar(16)   NOT NULL CHECK (action IN ('ACKNOWLEDGE', 'RESOLVE')),
    note          varchar(1000) NOT NULL,
    actor         varchar(128)  NOT NULL,
    acted_at      timestamptz   NOT NULL,
    covers_until  timestamptz   NOT NULL
);
CREATE INDEX attention_action_group ON attention_action (tenant_id, kind, acted_at DESC);

-- Deliveries a person must look at are few; the console finds them without reading the whole log.
CREATE INDEX callback_log_attention ON callback_log (received_at)
    WHERE outcome IN ('APPLIED_FLAGGED', 'CONFLICT_FLAGGED', 'MISMATCH', 'BAD_SIGNATURE', 'DECRYPTION_FAILED')
       OR http_status >= 500;

-- The console's search box (a delivery by notification id, out_trade_no or transaction_id, in any tenant)
-- and an order's timeline (its deliveries by out_trade_no). Three more index entries per delivery: a
-- price the callback path pays so that a search answers at once instead of reading the whole log.
-- The log across tenants is listed newest first by id (the primary key, taken at insert): no index here.
CREATE INDEX callback_log_notification ON callback_log (notification_id);
CREATE INDEX callback_log_out_trade_no ON callback_log (out_trade_no);
CREATE INDEX callback_log_transaction ON callback_log (transaction_id);
CREATE INDEX refund_record_out_refund_no ON refund_record (out_refund_no);
