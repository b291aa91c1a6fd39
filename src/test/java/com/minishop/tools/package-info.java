/**
 * Command-line tools that run beside the service, never inside the WAR: the development server behind
 * the README's run command (Payara Micro plus an embedded PostgreSQL) and the embedded database the
 * tests share.
 */
package com.minishop.tools;
