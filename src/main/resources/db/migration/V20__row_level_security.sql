-- Row-level security: PostgreSQL itself keeps tenants apart, below the application's own tenant
-- discriminator. Every table with a tenant_id admits only the rows of the transaction's tenant, the
-- setting app.tenant_id (set with set_config(..., true) where the service binds a tenant: see
-- TransactionConnection.bindTenant). With no tenant set, a tenant table shows and accepts nothing.
-- FORCE binds the tables' owner too, which is the role the service runs as.
--
-- The one way around the policy is the role payment_cross_tenant (Java: tenant/CrossTenant): a policy
-- admits every row to it, and it holds privileges only on what cross-tenant work needs (granted below
-- and by later migrations). The operator creates it and grants it to the service's role WITH INHERIT
-- FALSE, so the service takes it only by SET LOCAL ROLE (README, "An external database").

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'payment_cross_tenant') THEN
        RAISE EXCEPTION 'the role payment_cross_tenant does not exist: create it before the service starts'
            USING HINT = 'see the README, section "An external database"';
    END IF;
END $$;

-- The transaction's tenant, or NULL when none is set (after a transaction that set it, the setting
-- reads as '' in the same session).
CREATE FUNCTION app_tenant() RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::bigint $$;

-- Puts a table with a tenant_id column under the tenant policy: every migration that adds a tenant
-- table calls it (SELECT put_under_tenant_policy('the_table');) and grants payment_cross_tenant only
-- what cross-tenant work on it needs.
CREATE FUNCTION put_under_tenant_policy(target regclass) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (tenant_id = app_tenant())'
                   ' WITH CHECK (tenant_id = app_tenant())', target);
    EXECUTE format('CREATE POLICY cross_tenant ON %s TO payment_cross_tenant USING (true) WITH CHECK (true)',
                   target);
END $$;

SELECT put_under_tenant_policy('merchant_account');
SELECT put_under_tenant_policy('merchant_platform_key');
SELECT put_under_tenant_policy('orders');
SELECT put_under_tenant_policy('payment_record');
SELECT put_under_tenant_policy('refund_record');
SELECT put_under_tenant_policy('callback_log');
SELECT put_under_tenant_policy('audit_record');

-- A delivery whose tenant id is not a number is logged with tenant_id NULL, in no tenant's
-- transaction: such rows may be written (never read) without a tenant. The admin reads them through
-- payment_cross_tenant.
CREATE POLICY untenanted_delivery ON callback_log FOR INSERT WITH CHECK (tenant_id IS NULL);

-- What cross-tenant work needs, and nothing more.
GRANT SELECT (tenant_id, updated_at) ON merchant_account TO payment_cross_tenant;  -- MerchantAccountChanges
GRANT SELECT, DELETE ON callback_log TO payment_cross_tenant;                     -- retention, admin listings
