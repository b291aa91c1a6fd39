package com.minishop.console;

import com.minishop.web.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/admin/overview}: deliveries per outcome over 24 hours and 7 days, what needs a person. */
@Path("v1/admin/overview")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console")
public class OverviewResource {

    @Inject
    Overview overview;

    @GET
    @Operation(summary = "deliveries per outcome (24 hourly and 7 daily buckets) and the needs-attention count")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Overview.Summary.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    public Overview.Summary get() {
        return overview.summary();
    }
}
