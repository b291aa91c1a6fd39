package com.minishop.tenant;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.SingleTableMultitenantPolicy;
import org.eclipse.persistence.sessions.Session;

/**
 * Reads the tenant discriminator column as the 64-bit number it is. {@code @TenantDiscriminatorColumn}
 * offers only STRING, CHAR and INTEGER, and INTEGER makes EclipseLink read {@code tenant_id} with {@code
 * ResultSet.getInt}: for a tenant id above 2^31 - 1 that throws, and EclipseLink logs a WARNING with a
 * stack trace and reads the row again the slow way, for every row of every tenant-owned entity. Run
 * once at deployment ({@code eclipselink.session.customizer} in persistence.xml), before the descriptors
 * are initialised.
 */
public class TenantColumnType implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            if (descriptor.getMultitenantPolicy() instanceof SingleTableMultitenantPolicy policy) {
                policy.getTenantDiscriminatorFields().keySet().forEach(field -> field.setType(Long.class));
            }
        }
    }
}
