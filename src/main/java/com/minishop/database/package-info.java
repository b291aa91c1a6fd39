/**
 * The one PostgreSQL data source (configured from {@code PAYMENT_DB_*}), the check that its role is
 * bound by row-level security, the Flyway migration that runs before the application serves anything,
 * the transaction's own connection (where the transaction's tenant is set for the policies), and the
 * readiness check that reports the database down.
 */
package com.minishop.database;
