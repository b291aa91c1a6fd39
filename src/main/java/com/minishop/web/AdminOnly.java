package com.minishop.web;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The resource needs credentials: the admin's HTTP Basic ({@link AdminAuthFilter}), or, where it is also
 * marked {@link TenantKeyAccess}, a tenant's API key for that tenant.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminOnly {}
