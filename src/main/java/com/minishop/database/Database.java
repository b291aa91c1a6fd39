package com.minishop.database;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Defines the data source and migrates the schema at deployment, before any request is served.
 *
 * <p>Connection settings come from MicroProfile Config, so environment variables win. Every
 * connection carries lock and statement timeouts: WeChat waits 5 s for an answer, and a stuck row must
 * give a fast 5xx (which WeChat retries), never a hang. Flyway takes a PostgreSQL advisory lock, so
 * several instances starting at once on one database migrate it once. Before anything else, the
 * service refuses to start on a role that row-level security would not bind ({@link ServiceRole}).
 */
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=PAYMENT_DB_URL}",
        user = "${MPCONFIG=PAYMENT_DB_USER}",
        password = "${MPCONFIG=PAYMENT_DB_PASSWORD}",
        initialPoolSize = 4,
        minPoolSize = 4,
        maxPoolSize = 32,
        maxIdleTime = 300,
        properties = {
            "options=-c lock_timeout=2000 -c statement_timeout=4000 -c idle_in_transaction_session_timeout=30000",
            "connectTimeout=3",
            "socketTimeout=5",
            "fish.payara.max-wait-time-in-millis=3000",
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=auto-commit",
            "fish.payara.fail-all-connections=true",
            // EclipseLink closes each statement after use; the pool keeps it per connection instead, so the
            // next use skips preparing it again (PostgreSQL keeps its plan). The blank type works around
            // Payara issue 6647 (no type given is read as the class name "null").
            "fish.payara.statement-cache-size=32",
            "fish.payara.statement-cache-type= "
        })
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class Database {

    public static final String JNDI_NAME = "java:app/jdbc/payment";

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    @Resource(lookup = JNDI_NAME)
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        refuseToBypassRowSecurity();
        var result = Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info(() -> "database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
    }

    /** See {@link ServiceRole}: a role that ignores the row-level security policies stops the deployment. */
    private void refuseToBypassRowSecurity() {
        String problem;
        try (var connection = dataSource.getConnection()) {
            problem = ServiceRole.problem(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the database role: " + e.getMessage(), e);
        }
        if (problem != null) {
            LOG.severe("REFUSING TO START: " + problem);
            throw new IllegalStateException("REFUSING TO START: " + problem);
        }
    }
}
