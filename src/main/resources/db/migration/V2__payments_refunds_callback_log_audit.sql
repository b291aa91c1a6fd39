-- What WeChat Pay told us and what we did with it.

CREATE SEQUENCE payment_record_id_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE refund_record_id_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE callback_log_id_seq; -- used by native inserts, one id each
CREATE SEQUENCE audit_record_id_seq START WITH 50 INCREMENT BY 50;

-- The facts of a successful payment, one per (tenant, out_trade_no): the first one wins, a different
-- later one is flagged in the callback log and never overwrites it.
CREATE TABLE payment_record (
    id               bigint        PRIMARY KEY,
    tenant_id        bigint        NOT NULL,
    order_id         bigint        NOT NULL REFERENCES orders (id),
    out_trade_no     varchar(32)   NOT NULL,
    transaction_id   varchar(32)   NOT NULL,
    trade_type       varchar(16),
    trade_state      varchar(16)   NOT NULL,
    bank_type        varchar(32),
    payer_openid     varchar(128),
    amount_total     bigint        NOT NULL CHECK (amount_total > 0),
    payer_total      bigint        CHECK (payer_total >= 0),
    currency         varchar(8)    NOT NULL,
    payer_currency   varchar(8),
    attach           varchar(128),
    success_time     timestamptz   NOT NULL,
    notification_id  varchar(64)   NOT NULL,
    created_at       timestamptz   NOT NULL,
    CONSTRAINT payment_record_per_order UNIQUE (tenant_id, out_trade_no)
);

-- One per (tenant, out_refund_no). 'applied' says whether its amount is counted in the order's
-- refunded_amount: a refund is recorded before its order is seen paid, and counted once it is.
CREATE TABLE refund_record (
    id                     bigint        PRIMARY KEY,
    tenant_id              bigint        NOT NULL,
    order_id               bigint        NOT NULL REFERENCES orders (id),
    out_trade_no           varchar(32)   NOT NULL,
    out_refund_no          varchar(64)   NOT NULL,
    refund_id              varchar(32)   NOT NULL,
    transaction_id         varchar(32)   NOT NULL,
    refund_status          varchar(16)   NOT NULL,
    amount_total           bigint        NOT NULL CHECK (amount_total > 0),
    amount_refund          bigint        NOT NULL CHECK (amount_refund > 0),
    payer_total            bigint        CHECK (payer_total >= 0),
    payer_refund           bigint        CHECK (payer_refund >= 0),
    user_received_account  varchar(64),
    success_time           timestamptz,
    applied                boolean       NOT NULL,
    notification_id        varchar(64)   NOT NULL,
    created_at             timestamptz   NOT NULL,
    updated_at             timestamptz   NOT NULL,
    version                bigint        NOT NULL,
    CONSTRAINT refund_record_per_refund UNIQUE (tenant_id, out_refund_no)
);
CREATE INDEX refund_record_order ON refund_record (order_id);

-- One row per delivery, verified or not. tenant_id is the tenant the URL named (it may not exist).
-- A verified notification id settles once per tenant: the partial unique key makes a second settling
-- delivery fail even across instances. Never holds decrypted payer data or keys.
CREATE TABLE callback_log (
    id                 bigint         PRIMARY KEY,
    tenant_id          bigint,
    received_at        timestamptz    NOT NULL,
    notification_id    varchar(64),
    event_type         varchar(64),
    serial             varchar(64),
    wechat_timestamp   varchar(32),
    verified           boolean        NOT NULL,
    settled            boolean        NOT NULL,
    outcome            varchar(32)    NOT NULL,
    http_status        smallint       NOT NULL,
    out_trade_no       varchar(32),
    transaction_id     varchar(32),
    message            varchar(512),
    processing_micros  bigint         NOT NULL,
    CONSTRAINT callback_log_settled_verified CHECK (NOT settled OR verified)
);
CREATE UNIQUE INDEX callback_log_settles_once ON callback_log (tenant_id, notification_id) WHERE settled;
CREATE INDEX callback_log_newest ON callback_log (tenant_id, received_at DESC, id DESC);
CREATE INDEX callback_log_received ON callback_log (received_at);

-- One row per change of an order's payment state (written by the audit interceptor).
CREATE TABLE audit_record (
    id               bigint        PRIMARY KEY,
    tenant_id        bigint        NOT NULL,
    order_id         bigint        NOT NULL,
    order_no         varchar(32)   NOT NULL,
    action           varchar(32)   NOT NULL,
    outcome          varchar(32)   NOT NULL,
    from_pay_state   smallint      NOT NULL,
    to_pay_state     smallint      NOT NULL,
    notification_id  varchar(64),
    transaction_id   varchar(32),
    amount           bigint,
    occurred_at      timestamptz   NOT NULL
);
CREATE INDEX audit_record_order ON audit_record (tenant_id, order_id);
