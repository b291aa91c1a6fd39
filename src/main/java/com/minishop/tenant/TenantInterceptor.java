package com.minishop.tenant;

import com.minishop.database.TransactionConnection;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds the tenant to the transaction before a {@link TenantBound} method runs, in both places that keep
 * tenants apart: the EntityManager (EclipseLink adds {@code tenant_id = ?} to every query) and the
 * database session ({@code app.tenant_id}, which the row-level security policies read; see {@link
 * TransactionConnection#bindTenant}). The container has begun the transaction by then, so the property
 * lands on that transaction's persistence context (the EclipseLink requirement). A transaction already
 * bound to another tenant is refused: one transaction, one tenant.
 */
@TenantBound
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 100)
public class TenantInterceptor {

    private static final Map<Method, Integer> TENANT_PARAMETER = new ConcurrentHashMap<>();

    @PersistenceContext
    private EntityManager em;

    @Inject
    private TransactionConnection connection;

    @AroundInvoke
    public Object bindTenant(InvocationContext invocation) throws Exception {
        int index = TENANT_PARAMETER.computeIfAbsent(invocation.getMethod(), TenantInterceptor::tenantParameter);
        if (index < 0) {
            return invocation.proceed(); // no tenant named: any tenant-owned access fails closed
        }
        Object value = invocation.getParameters()[index];
        if (!(value instanceof Long tenantId)) {
            throw new IllegalStateException(
                    "no tenant given to " + invocation.getMethod().getName());
        }
        Tenants.require(tenantId);
        Object bound = em.getProperties().get(TenantAware.TENANT_PROPERTY);
        if (bound == null) {
            em.setProperty(TenantAware.TENANT_PROPERTY, tenantId);
            connection.bindTenant(tenantId);
        } else if (!bound.equals(tenantId)) {
            throw new IllegalStateException("transaction bound to tenant " + bound + ", refused tenant " + tenantId);
        }
        return invocation.proceed();
    }

    private static int tenantParameter(Method method) {
        var annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            for (var annotation : annotations[i]) {
                if (annotation instanceof TenantId) {
                    return i;
                }
            }
        }
        return -1;
    }
}
