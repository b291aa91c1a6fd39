-- Tenants' WeChat Pay merchant accounts and their orders. Every tenant-owned table carries tenant_id
-- (EclipseLink's discriminator); ids come from sequences, unique across tenants. EclipseLink takes
-- nextval as the last id of a block of 50, hence START WITH 50.

CREATE SEQUENCE merchant_account_id_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE merchant_platform_key_id_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE orders_id_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE merchant_account (
    id                   bigint       PRIMARY KEY,
    tenant_id            bigint       NOT NULL CHECK (tenant_id > 0),
    app_id               varchar(32)  NOT NULL,
    mch_id               varchar(32)  NOT NULL,
    api_v3_key_encrypted bytea        NOT NULL,
    created_at           timestamptz  NOT NULL,
    updated_at           timestamptz  NOT NULL,
    version              bigint       NOT NULL,
    CONSTRAINT merchant_account_one_per_tenant UNIQUE (tenant_id)
);

CREATE TABLE merchant_platform_key (
    id          bigint       PRIMARY KEY,
    tenant_id   bigint       NOT NULL,
    account_id  bigint       NOT NULL REFERENCES merchant_account (id) ON DELETE CASCADE,
    serial      varchar(64)  NOT NULL,
    type        varchar(16)  NOT NULL CHECK (type IN ('PUBLIC_KEY', 'CERTIFICATE')),
    pem         text         NOT NULL,
    not_before  timestamptz,
    not_after   timestamptz,
    CONSTRAINT merchant_platform_key_serial UNIQUE (tenant_id, serial)
);
CREATE INDEX merchant_platform_key_account ON merchant_platform_key (account_id);

CREATE TABLE orders (
    id               bigint        PRIMARY KEY,
    tenant_id        bigint        NOT NULL CHECK (tenant_id > 0),
    order_no         varchar(32)   NOT NULL,
    amount_total     bigint        NOT NULL CHECK (amount_total > 0),
    currency         char(3)       NOT NULL,
    description      varchar(127),
    pay_state        smallint      NOT NULL CHECK (pay_state BETWEEN 0 AND 5),
    order_status     varchar(16)   NOT NULL
                     CHECK (order_status IN ('PENDING_PAYMENT', 'PAID', 'REFUNDED', 'CLOSED')),
    transaction_id   varchar(32),
    paid_at          timestamptz,
    refunded_amount  bigint        NOT NULL DEFAULT 0
                     CHECK (refunded_amount >= 0 AND refunded_amount <= amount_total),
    created_at       timestamptz   NOT NULL,
    updated_at       timestamptz   NOT NULL,
    version          bigint        NOT NULL,
    CONSTRAINT orders_order_no_per_tenant UNIQUE (tenant_id, order_no),
    CONSTRAINT orders_paid_has_transaction CHECK (pay_state NOT IN (2, 3) OR (transaction_id IS NOT NULL AND paid_at IS NOT NULL))
);
