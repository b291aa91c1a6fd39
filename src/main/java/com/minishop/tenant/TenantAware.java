package com.minishop.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;
import org.eclipse.persistence.config.EntityManagerProperties;

/**
 * Base of every tenant-owned entity. EclipseLink adds {@code tenant_id = ?} to every query and fills the
 * column on insert from the EntityManager's {@code eclipselink.tenant-id}; without it, access fails
 * (EclipseLink-6174). The column is mapped read-only so the tenant can be read, never changed.
 */
@MappedSuperclass
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(
        name = "tenant_id",
        contextProperty = TenantAware.TENANT_PROPERTY,
        discriminatorType = jakarta.persistence.DiscriminatorType.INTEGER)
public abstract class TenantAware {

    public static final String TENANT_PROPERTY = EntityManagerProperties.MULTITENANT_PROPERTY_DEFAULT;

    @Column(name = "tenant_id", insertable = false, updatable = false)
    private Long tenantId;

    public Long tenantId() {
        return tenantId;
    }
}
