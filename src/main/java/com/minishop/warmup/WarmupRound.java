package com.minishop.warmup;

import com.minishop.database.DbTime;
import com.minishop.database.TransactionConnection;
import com.minishop.order.Order;
import com.minishop.payment.CallbackAnswer;
import com.minishop.payment.Delivery;
import com.minishop.payment.PaymentService;
import com.minishop.tenant.MerchantCredentialsCache;
import com.minishop.tenant.TenantAware;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.util.Optional;

/**
 * One warm-up round, always rolled back: in one transaction, an order of the warm-up tenant is created,
 * then {@link PaymentService#handlePaymentCallback} (the callback path below the HTTP resource: the
 * tenant binding with its {@code set_config}, verifying, decrypting, reading, the order's row lock, the
 * state change with its audit record, the payment record and the callback-log row) applies a signed
 * payment notification, and a second delivery of it is answered as a duplicate; then everything is
 * rolled back. Nothing of it ever commits, so no tenant's data is touched.
 *
 * <p>The warm-up tenant is {@link #TENANT}, the largest tenant id: its merchant credentials exist only in
 * the credentials cache during the warm-up (and are dropped after it), with keys nobody outside this JVM
 * has.
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class WarmupRound {

    /** Reserved for the warm-up: never a real tenant's id (see README, "Warm-up"). */
    public static final long TENANT = Long.MAX_VALUE;

    @Resource
    private UserTransaction transaction;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private TransactionConnection connection;

    @Inject
    private MerchantCredentialsCache credentialsCache;

    @EJB
    private PaymentService payments;

    public void run(WarmupKeys keys, String orderNo) {
        credentialsCache.get(TENANT, () -> Optional.of(keys.credentials()));
        long amount = 100 + (orderNo.hashCode() & 0xfff);
        var notification = keys.payment(orderNo, amount);
        try {
            transaction.begin();
            try {
                em.setProperty(TenantAware.TENANT_PROPERTY, TENANT);
                connection.bindTenant(TENANT);
                em.persist(new Order(orderNo, amount, "CNY", "warm-up", DbTime.now()));
                em.flush();
                for (int delivery = 0; delivery < 2; delivery++) {
                    CallbackAnswer answer = payments.handlePaymentCallback(
                            TENANT,
                            notification.headers(),
                            notification.body(),
                            new Delivery(
                                    TENANT,
                                    DbTime.now(),
                                    System.nanoTime(),
                                    notification.headers().serial(),
                                    notification.headers().timestamp()));
                    if (!answer.accepted()) {
                        throw new IllegalStateException("warm-up notification answered " + answer.status() + " "
                                + answer.outcome() + ": " + answer.message());
                    }
                }
            } finally {
                transaction.rollback();
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("warm-up round failed: " + e, e);
        }
    }

    /** After the warm-up: the synthetic credentials leave the cache. */
    public void forget() {
        credentialsCache.invalidate(TENANT);
    }
}
