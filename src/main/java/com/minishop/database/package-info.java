/**
 * The one PostgreSQL data source (configured from {@code PAYMENT_DB_*}), the Flyway migration that runs
 * before the application serves anything, and the readiness check that reports the database down.
 */
package com.minishop.database;
