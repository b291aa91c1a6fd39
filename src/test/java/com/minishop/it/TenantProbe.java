package com.minishop.it;

import com.minishop.order.Order;
import com.minishop.tenant.TenantBound;
import com.minishop.tenant.TenantId;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Test-only bean, deployed only in the test WAR: raw JPA access the way a careless future service might
 * do it, to show that tenant isolation holds below the services too.
 */
@Stateless
@TenantBound
public class TenantProbe {

    @PersistenceContext
    private EntityManager em;

    public Order findById(@TenantId long tenantId, long id) {
        return em.find(Order.class, id);
    }

    public List<Order> all(@TenantId long tenantId) {
        return em.createQuery("SELECT o FROM Order o", Order.class).getResultList();
    }

    /** A bulk update naming only the order number: must touch only the bound tenant's rows. */
    public int describe(@TenantId long tenantId, String orderNo, String description) {
        return em.createQuery("UPDATE Order o SET o.description = :d WHERE o.orderNo = :no")
                .setParameter("d", description)
                .setParameter("no", orderNo)
                .executeUpdate();
    }

    /** No tenant named: must fail, never read every tenant. */
    public List<Order> withoutTenant() {
        return em.createQuery("SELECT o FROM Order o", Order.class).getResultList();
    }

    /** One transaction that tries to serve a second tenant. */
    public List<Order> switchTenant(@TenantId long tenantId, TenantProbe self, long otherTenant) {
        return self.all(otherTenant);
    }
}
