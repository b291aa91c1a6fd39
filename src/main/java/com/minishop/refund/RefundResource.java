package com.minishop.refund;

import com.minishop.tenant.Tenants;
import com.minishop.web.AdminOnly;
import com.minishop.web.TenantKeyAccess;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/tenants/{tenantId}/orders/{orderNo}/refunds}: start a refund, list the order's refunds. The
 * admin, or the tenant's own API key (a {@code write} key to start one), like the order endpoints.
 */
@Path("v1/tenants/{tenantId}/orders/{orderNo}/refunds")
@AdminOnly
@TenantKeyAccess
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "refunds", description = "refunds started here (admin or the tenant's key)")
public class RefundResource {

    @Inject
    Refunds refunds;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(
            summary = "refund (part of) a paid order: 201 a new refund with WeChat's status (UNKNOWN when its"
                    + " answer never came), 200 the same refund again for the same outRefundNo and amount")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = RefundView.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RefundView.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "CrossSite")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", description = "REFUND_EXCEEDS_PAID")
    @APIResponse(responseCode = "502", description = "WeChat Pay refused the refund (it is CLOSED)")
    public Response start(@PathParam("tenantId") String tenantId, @PathParam("orderNo") String orderNo, String body) {
        var started = refunds.start(Tenants.parse(tenantId), orderNo, body);
        return Response.status(started.created() ? 201 : 200)
                .entity(started.refund())
                .build();
    }

    @GET
    @Operation(summary = "the order's refunds, newest first")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public List<RefundView> list(@PathParam("tenantId") String tenantId, @PathParam("orderNo") String orderNo) {
        return refunds.list(Tenants.parse(tenantId), orderNo);
    }
}
