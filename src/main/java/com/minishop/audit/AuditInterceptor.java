package com.minishop.audit;

import com.minishop.database.DbTime;
import com.minishop.order.OrderChange;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.logging.Logger;

/**
 * Writes an {@link AuditRecord} for every {@link OrderChange} an {@link Audited} method returns that
 * changed the order or was flagged as contradicting it (a second payment), in the method's own transaction (so the record and the change commit or roll back
 * together), and logs it with the tenant id at FINE. Runs inside the tenant binding, so the record lands in the
 * order's tenant.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 200)
public class AuditInterceptor {

    private static final Logger LOG = Logger.getLogger(AuditInterceptor.class.getName());

    @PersistenceContext
    private EntityManager em;

    @AroundInvoke
    public Object audit(InvocationContext invocation) throws Exception {
        Object result = invocation.proceed();
        if (result instanceof OrderChange change && change.transition().audited()) {
            var t = change.transition();
            em.persist(new AuditRecord(
                    change.orderId(),
                    change.orderNo(),
                    change.target().name(),
                    t.outcome().name(),
                    t.from().code(),
                    t.to().code(),
                    change.notificationId(),
                    change.transactionId(),
                    change.amount(),
                    change.source(),
                    change.requestId(),
                    DbTime.now()));
            // FINE: the audit record is the record; flagged outcomes get a WARNING from the callback log
            LOG.fine(() -> "tenant " + em.getProperties().get(com.minishop.tenant.TenantAware.TENANT_PROPERTY)
                    + ": order " + change.orderNo() + " pay state " + t.from().code() + " -> " + t.to().code()
                    + " (" + t.outcome() + ", " + change.target() + ") from " + change.source() + " "
                    + (change.notificationId() != null ? change.notificationId() : change.requestId()));
        }
        return result;
    }
}
