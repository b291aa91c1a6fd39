-- Issue 11: the daily reconciliation against WeChat Pay's trade bill. One row per tenant and day: a run
-- claims it (running_until, a lease; run_number counts the runs) with one INSERT ... ON CONFLICT, so with
-- several instances one run works on a day at a time. Amounts in fen; fees exactly (5 decimals of yuan
-- are 3 of fen). Every table has a tenant_id and is under the tenant policy of V20.
CREATE SEQUENCE reconciliation_id_seq;

CREATE TABLE reconciliation (
    id                     bigint         PRIMARY KEY DEFAULT nextval('reconciliation_id_seq'),
    tenant_id              bigint         NOT NULL,
    bill_date              date           NOT NULL,
    status                 varchar(16)    NOT NULL
        CHECK (status IN ('MATCHED', 'DISCREPANCIES', 'NO_BILL', 'PENDING', 'FAILED')),
    reason                 varchar(512),
    run_number             integer        NOT NULL DEFAULT 1,
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

-- Discrepancies are rows from the moment they are found (a bill of a million rows may have a million):
-- never a list in memory. A fact is one row per day: a re-run meets it again (ON CONFLICT on the fact
-- key), marks it with its run_number and keeps when it was first found; at the run's end the FLAGGED
-- rows it did not meet again are deleted, APPLIED ones stay (the fact is ours now and matches).
CREATE SEQUENCE reconciliation_discrepancy_id_seq;

CREATE TABLE reconciliation_discrepancy (
    id                 bigint        PRIMARY KEY DEFAULT nextval('reconciliation_discrepancy_id_seq'),
    tenant_id          bigint        NOT NULL,
    reconciliation_id  bigint        NOT NULL REFERENCES reconciliation (id),
    run_number         integer       NOT NULL,
    kind               varchar(24)   NOT NULL,
    out_trade_no       varchar(32),
    transaction_id     varchar(32),
    out_refund_no      varchar(64),
    wechat_amount      bigint,
    our_amount         bigint,
    resolution         varchar(16)   NOT NULL,
    line               integer,
    found_at           timestamptz   NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX reconciliation_discrepancy_fact ON reconciliation_discrepancy
    (reconciliation_id, kind, coalesce(out_trade_no, ''), coalesce(out_refund_no, ''), coalesce(line, 0));
CREATE INDEX reconciliation_discrepancy_report ON reconciliation_discrepancy (reconciliation_id, line, id);
-- the console's attention queue: flagged ones across tenants
CREATE INDEX reconciliation_discrepancy_flagged ON reconciliation_discrepancy (tenant_id, found_at)
    WHERE resolution = 'FLAGGED';

-- A run's bill rows while it compares them with our records (deleted at its end): the comparison is SQL
-- over this table, so a bill of a million rows is never held in memory. Unlogged: it is rebuilt by a
-- re-run. Kind P payment, R refund, U a row that could not be read (reason says why).
CREATE UNLOGGED TABLE bill_row (
    tenant_id          bigint        NOT NULL,
    reconciliation_id  bigint        NOT NULL,
    line               integer       NOT NULL,
    kind               char(1)       NOT NULL CHECK (kind IN ('P', 'R', 'U')),
    out_trade_no       varchar(32),
    transaction_id     varchar(32),
    out_refund_no      varchar(64),
    refund_status      varchar(16),
    amount             bigint,
    happened_at        timestamptz,
    reason             varchar(512),
    CHECK (kind = 'U' OR (out_trade_no IS NOT NULL AND transaction_id IS NOT NULL AND amount IS NOT NULL
                          AND happened_at IS NOT NULL)),
    PRIMARY KEY (reconciliation_id, line)
);
CREATE INDEX bill_row_trade ON bill_row (reconciliation_id, kind, out_trade_no);
CREATE INDEX bill_row_refund ON bill_row (reconciliation_id, out_refund_no) WHERE kind = 'R';

-- Our side of a day: what succeeded within it.
CREATE INDEX payment_record_success ON payment_record (tenant_id, success_time);
CREATE INDEX refund_record_success ON refund_record (tenant_id, success_time) WHERE refund_status = 'SUCCESS';

SELECT put_under_tenant_policy('reconciliation');
SELECT put_under_tenant_policy('reconciliation_discrepancy');
SELECT put_under_tenant_policy('bill_row');

-- The daily run's claim across tenants (bill/Reconciliations, through tenant/CrossTenant): tenants with API
-- access (granted in V22) whose day is due, and the claim of a tenant's day (INSERT ... ON CONFLICT DO UPDATE
-- of the lease). Dates, states and the lease only: no amount.
GRANT SELECT (id, tenant_id, bill_date, status, run_number, running_until, next_attempt_at),
      INSERT (tenant_id, bill_date, status, running_until),
      UPDATE (running_until, run_number) ON reconciliation TO payment_cross_tenant;
GRANT USAGE ON SEQUENCE reconciliation_id_seq TO payment_cross_tenant;
-- The console's attention queue across tenants: flagged discrepancies, their kind, order and when found.
GRANT SELECT (tenant_id, reconciliation_id, kind, out_trade_no, out_refund_no, resolution, found_at)
    ON reconciliation_discrepancy TO payment_cross_tenant;
