-- Tenants' API keys. Only a SHA-256 hash of the secret is stored; the key itself is shown once, when
-- issued. Revoked keys stay (revoked_at) so a leaked key's prefix can still be recognised.

CREATE SEQUENCE api_key_id_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE api_key (
    id            bigint       PRIMARY KEY,
    tenant_id     bigint       NOT NULL CHECK (tenant_id > 0),
    name          varchar(64)  NOT NULL,
    scope         varchar(8)   NOT NULL CHECK (scope IN ('read', 'write')),
    secret_hash   bytea        NOT NULL CHECK (octet_length(secret_hash) = 32),
    created_at    timestamptz  NOT NULL,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX api_key_tenant ON api_key (tenant_id, id);

SELECT put_under_tenant_policy('api_key');
