package com.minishop.it;

import com.minishop.tools.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * In the container: a connection to the test database as its superuser, which row-level security does
 * not bind, for tests that plant or count rows across tenants. The service's own data source cannot:
 * its role sees only the bound tenant's rows. Deployed with every test WAR ({@link Deployments}).
 */
public final class SuperuserConnection {

    private SuperuserConnection() {}

    public static Connection open() throws SQLException {
        var source = new PGSimpleDataSource();
        source.setURL(ConfigProvider.getConfig().getValue("PAYMENT_DB_URL", String.class));
        source.setUser(EmbeddedDatabase.USER);
        source.setPassword(EmbeddedDatabase.PASSWORD);
        return source.getConnection();
    }
}
