package com.minishop.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an {@link AdminOnly} resource (class or method) whose path has a {@code {tenantId}}: a tenant's API
 * key may use it too, for its own tenant only, within its scope. Everything {@link AdminOnly} without
 * this mark answers a tenant key 403 (see {@code com.minishop.apikey.TenantKeyFilter}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface TenantKeyAccess {}
