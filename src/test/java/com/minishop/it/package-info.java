/**
 * Arquillian tests in the real container: Payara Micro with the built WAR on a real (embedded)
 * PostgreSQL. Every test class takes its archive from {@link com.minishop.it.Deployments}; each class
 * costs one Payara start, so there are few classes, each covering one feature end to end.
 */
package com.minishop.it;
