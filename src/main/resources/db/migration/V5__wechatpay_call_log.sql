-- One row per outbound call to WeChat Pay: what was asked, what came back, how long it took. Written
-- outside any business transaction (a call is never inside one). Never holds keys, signatures or payer data.
CREATE SEQUENCE wechatpay_call_id_seq;

CREATE TABLE wechatpay_call (
    id            bigint        PRIMARY KEY,
    tenant_id     bigint        NOT NULL,
    called_at     timestamptz   NOT NULL,
    operation     varchar(16)   NOT NULL,
    trigger       varchar(16)   NOT NULL,
    out_trade_no  varchar(32),
    http_status   smallint,
    error_code    varchar(64),
    request_id    varchar(64),
    duration_ms   integer       NOT NULL,
    outcome       varchar(32)   NOT NULL,
    message       varchar(512)
);
CREATE INDEX wechatpay_call_newest ON wechatpay_call (tenant_id, called_at DESC, id DESC);
CREATE INDEX wechatpay_call_called ON wechatpay_call USING brin (called_at);
