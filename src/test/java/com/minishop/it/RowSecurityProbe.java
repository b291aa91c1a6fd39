package com.minishop.it;

import com.minishop.database.Database;
import com.minishop.database.TransactionConnection;
import com.minishop.tenant.TenantBound;
import com.minishop.tenant.TenantId;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Test-only bean, deployed only in the test WAR: native SQL the way a careless future change might write
 * it, with no tenant condition, to show that PostgreSQL's row-level security keeps tenants apart below
 * the application.
 */
@Stateless
@TenantBound
public class RowSecurityProbe {

    private static final String INSERT_ORDER =
            """
            INSERT INTO orders (id, tenant_id, order_no, amount_total, currency, pay_state, order_status,
                refunded_amount, created_at, updated_at, version, expires_at)
            VALUES (nextval('orders_id_seq'), ?, ?, 100, 'CNY', 0, 'PENDING_PAYMENT', 0, now(), now(), 1,
                now() + interval '30 minutes')""";

    @Inject
    private TransactionConnection transaction;

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    /** Every order's tenant that a query naming no tenant sees, in the tenant's transaction. */
    public List<Long> orderTenantsSeenBy(@TenantId long tenantId) {
        try (var query = transaction.get().prepareStatement("SELECT tenant_id FROM orders");
                var rows = query.executeQuery()) {
            List<Long> tenants = new ArrayList<>();
            while (rows.next()) {
                tenants.add(rows.getLong(1));
            }
            return tenants;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tries to write a row of {@code otherTenant} in the tenant's transaction. */
    public int insertOrderOf(@TenantId long tenantId, long otherTenant, String orderNo) {
        return insertOrder(transaction.get(), otherTenant, orderNo);
    }

    /** How many rows of {@code table} a transaction with no tenant bound sees. */
    public long countWithoutTenant(String table) {
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement("SELECT count(*) FROM " + table);
                var rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tries to write an order with no tenant bound. */
    public int insertWithoutTenant(long tenant, String orderNo) {
        try (var connection = dataSource.getConnection()) {
            return insertOrder(connection, tenant, orderNo);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int insertOrder(java.sql.Connection connection, long tenant, String orderNo) {
        try (var insert = connection.prepareStatement(INSERT_ORDER)) {
            insert.setLong(1, tenant);
            insert.setString(2, orderNo);
            return insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
