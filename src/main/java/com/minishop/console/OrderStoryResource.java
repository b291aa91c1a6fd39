package com.minishop.console;

import com.minishop.tenant.Tenants;
import com.minishop.web.AdminOnly;
import com.minishop.web.TenantKeyAccess;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/admin/tenants/{tenantId}/orders/{orderNo}/story}: one order's state, timeline and actions. */
@Path("v1/admin/tenants/{tenantId}/orders/{orderNo}/story")
@AdminOnly
@TenantKeyAccess
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console")
public class OrderStoryResource {

    @Inject
    OrderStory story;

    @GET
    @Operation(summary = "the order, every delivery, state change, payment and refund oldest first, and its actions")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrderStory.Story.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public OrderStory.Story get(@PathParam("tenantId") String tenantId, @PathParam("orderNo") String orderNo) {
        return story.of(Tenants.parse(tenantId), orderNo);
    }
}
