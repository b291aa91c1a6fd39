/**
 * Tenants and their WeChat Pay merchant accounts. Every tenant-owned entity extends {@link
 * com.minishop.tenant.TenantAware}, an EclipseLink single-table multitenant mapping on {@code
 * tenant_id}; {@link com.minishop.tenant.TenantInterceptor} binds the tenant named by a service
 * method's {@link com.minishop.tenant.TenantId} parameter to the transaction's EntityManager, so a
 * query without a tenant fails instead of seeing every tenant; the same binding sets the tenant for
 * PostgreSQL's row-level security ({@link com.minishop.database.TransactionConnection#bindTenant}), so a
 * native query that forgets the tenant sees no other tenant's rows either. Work that must span tenants
 * goes through {@link com.minishop.tenant.CrossTenant}, the one way around those policies (the role
 * {@code payment_cross_tenant}). The APIv3 key is stored encrypted under a key-encryption key from
 * configuration and never leaves the service.
 */
package com.minishop.tenant;
