package com.minishop.database;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The JDBC connection of the current JTA transaction: the persistence context's own ({@code
 * EntityManager.unwrap(Connection.class)}), held by EclipseLink until the commit, so native SQL on it
 * runs in the same transaction as the entities. Not a second one from the data source: the pool shares a
 * non-XA connection within a transaction only while no one holds it, and EclipseLink holds its
 * connection from its first statement to the commit, so {@code DataSource.getConnection()} here took a
 * second pool slot per transaction, and under load every transaction waited for one.
 *
 * <p>Also the one place the transaction's tenant reaches PostgreSQL: {@link #bindTenant} sets {@code
 * app.tenant_id} for the transaction only ({@code set_config(..., true)}), which the row-level security
 * policies read (migration V20). At the commit or rollback the setting ends with the transaction, so a
 * pooled connection never carries a tenant into the next one.
 */
@ApplicationScoped
public class TransactionConnection {

    /** Keys of this transaction's resources. */
    private static final Object CONNECTION = new Object();

    private static final Object TENANT = new Object();

    @PersistenceContext
    private EntityManager em;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /**
     * The transaction's connection, never closed here. Kept with the transaction after the first lookup:
     * unwrapping goes through the container's transaction-scoped EntityManager and EclipseLink's
     * accessor bookkeeping every time.
     */
    public Connection get() {
        if (transactions.getTransactionKey() == null) {
            throw new PersistenceException("native SQL runs only inside a transaction");
        }
        Connection connection = (Connection) transactions.getResource(CONNECTION);
        if (connection == null) {
            connection = em.unwrap(Connection.class);
            if (connection == null) {
                throw new PersistenceException("the transaction has no connection");
            }
            transactions.putResource(CONNECTION, connection);
        }
        return connection;
    }

    /**
     * Makes the row-level security policies admit this tenant's rows, and only these, for the rest of
     * the transaction: one statement, once per transaction. A transaction already bound to another
     * tenant is refused (one transaction, one tenant).
     */
    public void bindTenant(long tenantId) {
        Object bound = transactions.getTransactionKey() == null ? null : transactions.getResource(TENANT);
        if (bound != null) {
            if (!bound.equals(tenantId)) {
                throw new IllegalStateException(
                        "transaction bound to tenant " + bound + ", refused tenant " + tenantId);
            }
            return;
        }
        try (var set = get().prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
            set.setString(1, Long.toString(tenantId));
            set.execute();
        } catch (SQLException e) {
            throw new PersistenceException("cannot bind tenant " + tenantId + " to the transaction", e);
        }
        transactions.putResource(TENANT, tenantId);
    }
}
