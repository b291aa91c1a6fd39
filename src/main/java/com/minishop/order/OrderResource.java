package com.minishop.order;

import com.minishop.tenant.Tenants;
import com.minishop.web.AdminOnly;
import com.minishop.web.InvalidInputException;
import com.minishop.web.NotFoundException;
import com.minishop.web.TenantKeyAccess;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/tenants/{tenantId}/orders}: create and read a tenant's orders. */
@Path("v1/tenants/{tenantId}/orders")
@AdminOnly
@TenantKeyAccess
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "orders", description = "a tenant's orders (admin)")
public class OrderResource {

    @Inject
    OrderService orders;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "create an unpaid order")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "CrossSite")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(@PathParam("tenantId") String tenantId, NewOrderRequest body, @Context UriInfo uri) {
        if (body == null) {
            throw new InvalidInputException("body", "an order is required");
        }
        OrderView created = orders.create(Tenants.parse(tenantId), body);
        return Response.created(
                        uri.getAbsolutePathBuilder().path(created.orderNo()).build())
                .entity(created)
                .build();
    }

    @GET
    @Path("{orderNo}")
    @Operation(summary = "read an order")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public OrderView get(@PathParam("tenantId") String tenantId, @PathParam("orderNo") String orderNo) {
        return orders.find(Tenants.parse(tenantId), orderNo)
                .orElseThrow(() -> new NotFoundException("no order " + orderNo + " in tenant " + tenantId));
    }
}
