/**
 * The admin API behind the operations console ({@code /console/}): what came in across tenants (the
 * callback log, searchable and paged by cursor), what needs a person (groups computed from the records,
 * and what people did about them, kept as a trail), one order's whole story as a timeline gathered from
 * several sources, the tenants' merchant accounts at a glance, and an overview of the last day and week.
 * Read-only except for acknowledging and resolving groups. These queries span tenants on purpose (an
 * operator's view), so they run as plain SQL with the tenant named explicitly in every condition, outside
 * EclipseLink's tenant binding; nothing here changes an order.
 */
package com.minishop.console;
