/**
 * The warm-up before readiness (issue 14): a fresh JVM runs the callback path at a third of its speed until
 * the JIT has compiled it, so the service runs that path, with a synthetic merchant account, synthetic
 * keys and an order that exists only inside a transaction that is always rolled back, for a few seconds
 * after deployment, and says it is ready ({@code /health/ready}) only then. No row of any tenant is ever
 * committed.
 */
package com.minishop.warmup;
