-- Issue 11: the daily reconciliation against WeChat Pay's trade bill. One row per tenant and day: a run
-- claims it (running_until, a lease) with one INSERT ... ON CONFLICT, so with several instances one run
-- works on a day at a time. Amounts in fen; fees exactly (5 decimals of yuan are 3 of fen).
CREATE SEQUENCE reconciliation_id_seq;

CREATE TABLE reconciliation (
    id                     bigint         PRIMARY KEY DEFAULT nextval('reconciliation_id_seq'),
    tenant_id              bigint         NOT NULL,
    bill_date              date           NOT NULL,
    status                 varchar(16)    NOT NULL
        CHECK (status IN ('MATCHED', 'DISCREPANCIES', 'NO_BILL', 'PENDING', 'FAILED')),
    reason                 varchar(512),
    running_until          timestamptz,
    next_attempt_at        timestamptz,
    wechat_payments        bigint,
    wechat_payment_amount  bigint,
    wechat_refunds         bigint,
    wechat_refund_amount   bigint,
    wechat_fees            numeric(24, 3),
    our_payments           bigint,
    our_payment_amount     bigint,
    our_refunds            bigint,
    our_refund_amount      bigint,
    started_at             timestamptz,
    finished_at            timestamptz,
    CONSTRAINT reconciliation_per_day UNIQUE (tenant_id, bill_date)
);
CREATE INDEX reconciliation_due ON reconciliation (next_attempt_at) WHERE status = 'PENDING';

CREATE TABLE reconciliation_discrepancy (
    reconciliation_id  bigint        NOT NULL REFERENCES reconciliation (id),
    seq                integer       NOT NULL,
    kind               varchar(24)   NOT NULL,
    out_trade_no       varchar(32),
    transaction_id     varchar(32),
    out_refund_no      varchar(64),
    wechat_amount      bigint,
    our_amount         bigint,
    resolution         varchar(16)   NOT NULL,
    line               integer,
    PRIMARY KEY (reconciliation_id, seq)
);

-- A run's bill rows while it compares them with our records (deleted at its end): the comparison is SQL
-- over this table, so a bill of a million rows is never held in memory. Unlogged: it is rebuilt by a re-run.
CREATE UNLOGGED TABLE bill_row (
    reconciliation_id  bigint        NOT NULL,
    line               integer       NOT NULL,
    kind               char(1)       NOT NULL CHECK (kind IN ('P', 'R')),
    out_trade_no       varchar(32)   NOT NULL,
    transaction_id     varchar(32)   NOT NULL,
    out_refund_no      varchar(64),
    refund_status      varchar(16),
    amount             bigint        NOT NULL,
    happened_at        timestamptz   NOT NULL
);
CREATE INDEX bill_row_trade ON bill_row (reconciliation_id, kind, out_trade_no);
CREATE INDEX bill_row_refund ON bill_row (reconciliation_id, out_refund_no) WHERE kind = 'R';

-- Our side of a day: what succeeded within it.
CREATE INDEX payment_record_success ON payment_record (tenant_id, success_time);
CREATE INDEX refund_record_success ON refund_record (tenant_id, success_time) WHERE refund_status = 'SUCCESS';
