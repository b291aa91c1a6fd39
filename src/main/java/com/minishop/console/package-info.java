/**
 * The admin API behind the operations console ({@code /console/}): what came in across tenants (the
 * callback log, searchable and paged by cursor), what needs a person (groups computed from the records,
 * and what people did about them, kept as a trail), one order's whole story as a timeline gathered from
 * several sources, the tenants' merchant accounts at a glance, and an overview of the last day and week.
 * Read-only except for acknowledging and resolving groups. The listings span tenants on purpose (an
 * operator's view), so they run as plain SQL through {@link com.minishop.tenant.CrossTenant}, the one way
 * around row-level security, with only the columns it is granted; one tenant's listing and an order's story
 * run in that tenant's transaction instead, which is also all a tenant's API key may open ({@link
 * com.minishop.console.TenantConsoleResource}). Nothing here changes an order.
 */
package com.minishop.console;
