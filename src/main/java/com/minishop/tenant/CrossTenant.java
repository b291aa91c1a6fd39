package com.minishop.tenant;

import com.minishop.database.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The one way around the row-level security policies, for the work that must span tenants (merchant
 * account changes, callback log retention, and whatever is added later: sweeps, bill scheduling, the
 * admin's cross-tenant listings). {@link #run} gives its work a connection, in a transaction of its own,
 * on which the service has taken the role {@value #ROLE} ({@code SET LOCAL ROLE}): the only role with a
 * policy that admits every tenant's rows, and with privileges on just the tables and columns that
 * cross-tenant work needs (granted by the migrations, V20 on). The service's own role is a member
 * that does not inherit it, so nothing else it runs sees across tenants. The role ends with the
 * transaction, before the connection goes back to the pool.
 *
 * <p>Use it only for work that is about many tenants at once; work for one tenant binds that tenant
 * ({@link TenantBound}) instead.
 */
@ApplicationScoped
public class CrossTenant {

    /** The PostgreSQL role of cross-tenant work; the operator creates it (README, "An external database"). */
    public static final String ROLE = "payment_cross_tenant";

    private static final Logger LOG = Logger.getLogger(CrossTenant.class.getName());

    /** Work on a connection that sees every tenant's rows, as far as {@value #ROLE}'s privileges go. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    /**
     * Runs {@code work} across tenants in a local transaction of its own on a connection outside any JTA
     * transaction (a caller's is suspended), committed when {@code work} returns and rolled back when it
     * throws; {@code purpose} names it in the log. {@code SET LOCAL ROLE} ends with that transaction.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public <T> T run(String purpose, Work<T> work) throws SQLException {
        LOG.finest(() -> "cross-tenant: " + purpose);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (var role = connection.createStatement()) {
                    role.execute("SET LOCAL ROLE " + ROLE);
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
