package com.minishop.order;

import com.minishop.database.DbTime;
import com.minishop.tenant.TenantBound;
import com.minishop.tenant.TenantId;
import com.minishop.web.ConflictException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates and reads one tenant's orders; each method is one transaction bound to that tenant. */
@Stateless
@TenantBound
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    @ConfigProperty(name = "PAYMENT_ORDER_TTL_MINUTES", defaultValue = "30")
    long ttlMinutes;

    @Inject
    private CheckScheduleConfig schedule;

    public OrderView create(@TenantId long tenantId, NewOrderRequest request) {
        Order order = request.toOrder(DbTime.now(), Duration.ofMinutes(ttlMinutes), schedule.get());
        if (find(order.orderNo()).isPresent()) {
            throw new ConflictException("orderNo", "order " + order.orderNo() + " already exists");
        }
        em.persist(order);
        try {
            em.flush();
        } catch (PersistenceException e) {
            // the unique (tenant_id, order_no) key caught a concurrent create
            throw new ConflictException("orderNo", "order " + order.orderNo() + " already exists");
        }
        LOG.info(() -> "tenant " + tenantId + ": order " + order.orderNo() + " created, " + order.amountTotal() + " "
                + order.currency());
        return OrderView.of(order);
    }

    public Optional<OrderView> find(@TenantId long tenantId, String orderNo) {
        return find(orderNo).map(OrderView::of);
    }

    /** The order itself, detached: what a call to WeChat Pay about it needs (read, never written back). */
    public Optional<Order> snapshot(@TenantId long tenantId, String orderNo) {
        return find(orderNo);
    }

    private Optional<Order> find(String orderNo) {
        return em.createQuery("SELECT o FROM Order o WHERE o.orderNo = :orderNo", Order.class)
                .setParameter("orderNo", orderNo)
                .getResultStream()
                .findFirst();
    }
}
