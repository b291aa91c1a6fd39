package com.minishop.refund;

import com.minishop.database.DbTime;
import com.minishop.order.CheckScheduleConfig;
import com.minishop.order.Order;
import com.minishop.order.OrderView;
import com.minishop.order.PayState;
import com.minishop.payment.RefundRecord;
import com.minishop.reconciliation.OrderStateConflict;
import com.minishop.tenant.TenantBound;
import com.minishop.tenant.TenantId;
import com.minishop.web.ApiException;
import com.minishop.web.ConflictException;
import com.minishop.web.NotFoundException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.logging.Logger;

/**
 * A tenant's refunds as we record them: each method one transaction bound to the tenant. Recording takes
 * the order's row lock, so two requests for one order (or a notification) are decided one after the other.
 */
@Stateless
@TenantBound
public class RefundLedger {

    private static final Logger LOG = Logger.getLogger(RefundLedger.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private CheckScheduleConfig schedule;

    /** The refund (new, or the one already recorded under its number), and the order's currency. */
    public record Recorded(RefundRecord refund, boolean created, String currency) {}

    /**
     * Records the refund before WeChat Pay is asked for it. The same {@code outRefundNo} again: the same
     * refund when it is for the same order and amount (nothing new is started), else 409. A new refund
     * needs a paid order (409 ORDER_NOT_PAID) and must fit, with the order's refunds in progress, unknown
     * or done, in the amount paid (422 REFUND_EXCEEDS_PAID).
     */
    public Recorded record(@TenantId long tenantId, String orderNo, RefundRequest request) {
        Order order = em.createNamedQuery(Order.LOCK_BY_NUMBER, Order.class)
                .setParameter("orderNo", orderNo)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no order " + orderNo + " in tenant " + tenantId));
        RefundRecord existing = find(request.outRefundNo());
        if (existing != null) {
            if (existing.orderId() != order.id() || existing.amountRefund() != request.amount()) {
                throw new ConflictException(
                        "outRefundNo",
                        "refund " + request.outRefundNo() + " already exists for order " + existing.outTradeNo()
                                + " with amount " + existing.amountRefund() + ": not the same refund");
            }
            return new Recorded(existing, false, order.currency());
        }
        if (order.payState() != PayState.PAID && order.payState() != PayState.REFUNDED) {
            throw new OrderStateConflict(
                    "ORDER_NOT_PAID",
                    "order " + orderNo + " is " + order.orderStatus().label() + " (payState "
                            + order.payState().code() + "): only a paid order is refunded",
                    OrderView.of(order));
        }
        long held = refundsOf(order.id()).stream()
                .filter(RefundRecord::holdsMoney)
                .mapToLong(RefundRecord::amountRefund)
                .sum();
        if (held + request.amount() > order.amountTotal()) {
            throw new ApiException(
                    422,
                    "REFUND_EXCEEDS_PAID",
                    "a refund of " + request.amount() + " with " + held + " refunded or in progress exceeds the "
                            + order.amountTotal() + " paid for order " + orderNo,
                    "amount");
        }
        RefundRecord record = RefundRecord.started(
                order.id(),
                order.orderNo(),
                order.transactionId(),
                order.amountTotal(),
                request.outRefundNo(),
                request.amount(),
                request.reason(),
                DbTime.now(),
                schedule.get());
        em.persist(record);
        try {
            em.flush();
        } catch (PersistenceException e) {
            // the unique (tenant_id, out_refund_no) key caught a concurrent request for another order
            throw new ConflictException("outRefundNo", "refund " + request.outRefundNo() + " already exists");
        }
        LOG.info(() -> "tenant " + tenantId + ": refund " + record.outRefundNo() + " of " + record.amountRefund()
                + " recorded for order " + orderNo + ", asking WeChat Pay");
        return new Recorded(record, true, order.currency());
    }

    /** The order's refunds, newest first; 404 when there is no such order. */
    public List<RefundRecord> list(@TenantId long tenantId, String orderNo) {
        Long orderId = em.createQuery("SELECT o.id FROM Order o WHERE o.orderNo = :orderNo", Long.class)
                .setParameter("orderNo", orderNo)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no order " + orderNo + " in tenant " + tenantId));
        return em.createQuery(
                        "SELECT r FROM RefundRecord r WHERE r.orderId = :orderId ORDER BY r.createdAt DESC, r.id DESC",
                        RefundRecord.class)
                .setParameter("orderId", orderId)
                .getResultList();
    }

    /** One refund by its number, with its order's currency; empty when there is none. */
    public java.util.Optional<Recorded> find(@TenantId long tenantId, String outRefundNo) {
        RefundRecord record = find(outRefundNo);
        if (record == null) {
            return java.util.Optional.empty();
        }
        Order order = em.find(Order.class, record.orderId());
        return java.util.Optional.of(new Recorded(record, false, order.currency()));
    }

    private List<RefundRecord> refundsOf(long orderId) {
        return em.createQuery("SELECT r FROM RefundRecord r WHERE r.orderId = :orderId", RefundRecord.class)
                .setParameter("orderId", orderId)
                .getResultList();
    }

    private RefundRecord find(String outRefundNo) {
        return em.createQuery("SELECT r FROM RefundRecord r WHERE r.outRefundNo = :no", RefundRecord.class)
                .setParameter("no", outRefundNo)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }
}
