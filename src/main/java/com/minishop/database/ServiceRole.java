package com.minishop.database;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The check, at start, that the service's PostgreSQL role is bound by the row-level security policies.
 * A superuser and a role with {@code BYPASSRLS} ignore them, and a role that inherits {@value
 * #CROSS_TENANT_ROLE} sees every tenant's rows without asking; each would silently remove the
 * database's wall between tenants, so the service refuses to start instead.
 */
public final class ServiceRole {

    /** Kept equal to {@code CrossTenant.ROLE}, which the database package does not depend on. */
    static final String CROSS_TENANT_ROLE = "payment_cross_tenant";

    private ServiceRole() {}

    /** What the role can do that it must not, or what it lacks; null when all is well. */
    static String problem(Connection connection) throws SQLException {
        String user;
        boolean superuser;
        boolean bypass;
        boolean crossTenantExists;
        try (var query = connection.prepareStatement(
                "SELECT current_user, rolsuper, rolbypassrls, EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?)"
                        + " FROM pg_roles WHERE rolname = current_user")) {
            query.setString(1, CROSS_TENANT_ROLE);
            try (var row = query.executeQuery()) {
                row.next();
                user = row.getString(1);
                superuser = row.getBoolean(2);
                bypass = row.getBoolean(3);
                crossTenantExists = row.getBoolean(4);
            }
        }
        if (superuser) {
            return "the database user " + user + " is a PostgreSQL superuser, which ignores row-level"
                    + " security; give PAYMENT_DB_USER an ordinary role (README, \"An external database\")";
        }
        if (bypass) {
            return "the database user " + user + " has BYPASSRLS, which ignores row-level security;" + " ALTER ROLE "
                    + user + " NOBYPASSRLS";
        }
        if (!crossTenantExists) {
            return "the role " + CROSS_TENANT_ROLE + " does not exist; create it and GRANT " + CROSS_TENANT_ROLE
                    + " TO " + user + " WITH INHERIT FALSE, SET TRUE (README, \"An external database\")";
        }
        try (var query = connection.prepareStatement("SELECT pg_has_role(?, 'USAGE'), pg_has_role(?, 'SET')")) {
            query.setString(1, CROSS_TENANT_ROLE);
            query.setString(2, CROSS_TENANT_ROLE);
            try (var row = query.executeQuery()) {
                row.next();
                if (row.getBoolean(1)) {
                    return "the database user " + user + " inherits " + CROSS_TENANT_ROLE
                            + ", so every query would see every tenant; grant it WITH INHERIT FALSE";
                }
                if (!row.getBoolean(2)) {
                    return "the database user " + user + " cannot SET ROLE " + CROSS_TENANT_ROLE
                            + ", which cross-tenant work needs; GRANT " + CROSS_TENANT_ROLE + " TO " + user
                            + " WITH INHERIT FALSE, SET TRUE";
                }
            }
        }
        return null;
    }
}
