-- The tenant tables of asking WeChat Pay (V5) and the console (V10) under the tenant policy of V20, and
-- what the cross-tenant work of those features needs from payment_cross_tenant (tenant/CrossTenant).

SELECT put_under_tenant_policy('wechatpay_call');
SELECT put_under_tenant_policy('attention_action');

-- The sweep's claim (reconciliation/Sweep.CLAIM): tenants with API access, their due orders, locked
-- (FOR UPDATE needs an UPDATE privilege) and leased by moving check_due_at. The console's overview counts
-- the same backlog.
GRANT SELECT (tenant_id, merchant_private_key_encrypted) ON merchant_account TO payment_cross_tenant;
GRANT SELECT (id, tenant_id, order_no, expires_at, check_due_at), UPDATE (check_due_at) ON orders
    TO payment_cross_tenant;

-- The console's listings across tenants (console/TenantAccounts, AttentionQueue, DeliveryLog's search by
-- refund number): ids and dates, never a secret column (the encrypted APIv3 and private keys stay out).
GRANT SELECT (tenant_id, app_id, mch_id, updated_at, merchant_certificate_serial) ON merchant_account
    TO payment_cross_tenant;
GRANT SELECT (tenant_id, serial, type, not_before, not_after) ON merchant_platform_key TO payment_cross_tenant;
GRANT SELECT (tenant_id, out_trade_no, out_refund_no, refund_status, updated_at) ON refund_record
    TO payment_cross_tenant;
GRANT SELECT ON attention_action TO payment_cross_tenant;
