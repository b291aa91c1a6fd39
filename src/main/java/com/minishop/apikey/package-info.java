/**
 * Tenants' own API keys: the platform admin issues a key for a tenant ({@code
 * /api/v1/admin/tenants/{tenantId}/api-keys}), and a request with {@code Authorization: Bearer <key>}
 * then acts as that tenant, on that tenant's paths only, within the key's scope ({@code read}: GET
 * only). A key is {@code mpay_<tenantId>_<keyId>_<secret>} with 256 random bits of secret: the public
 * prefix says whose key a leaked one is; only the SHA-256 of the secret is stored, compared in constant
 * time, and the key is shown once. Keys are checked against the database on every request, so a revoked
 * key fails on every instance at once. {@link com.minishop.apikey.TenantKeyFilter} authenticates them;
 * which resources a key may use is marked with {@link com.minishop.web.TenantKeyAccess}.
 */
package com.minishop.apikey;
