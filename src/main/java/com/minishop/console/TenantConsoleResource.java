package com.minishop.console;

import com.minishop.tenant.Tenants;
import com.minishop.web.AdminOnly;
import com.minishop.web.QueryLimit;
import com.minishop.web.TenantKeyAccess;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The console of one tenant, for a tenant's key as well as the admin: {@code GET
 * /api/v1/admin/tenants/{tenantId}/console} (sign-in: who, and the tenant) and {@code
 * .../deliveries} (the deliveries listing with the tenant fixed by the path, read in that tenant's
 * transaction). The tenant is in the path so that a key reaches its own tenant only ({@link
 * TenantKeyAccess}).
 */
@Path("v1/admin/tenants/{tenantId}")
@AdminOnly
@TenantKeyAccess
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console")
public class TenantConsoleResource {

    @Inject
    DeliveryLog log;

    @GET
    @Path("console")
    @Operation(summary = "the signed-in admin or tenant key, for one tenant's console")
    @APIResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = ConsoleResource.Info.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    public ConsoleResource.Info info(@PathParam("tenantId") String tenantId, @Context SecurityContext security) {
        return ConsoleResource.info(security, Tenants.parse(tenantId));
    }

    @GET
    @Path("deliveries")
    @Operation(summary = "the tenant's deliveries, newest first, filtered and paged as the listing across tenants")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DeliveryLog.Page.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    public DeliveryLog.Page deliveries(
            @PathParam("tenantId") String tenantId,
            @QueryParam("outcome") String outcome,
            @QueryParam("eventType") String eventType,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("q") String search,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        long tenant = Tenants.parse(tenantId);
        return log.ofTenant(
                tenant,
                DeliveriesResource.filter(tenant, outcome, eventType, from, to, search),
                DeliveriesResource.cursor(cursor),
                QueryLimit.parse(limit, DeliveriesResource.DEFAULT_LIMIT, DeliveriesResource.MAX_LIMIT));
    }
}
