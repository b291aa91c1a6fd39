package com.minishop.console;

import com.minishop.web.AdminOnly;
import com.minishop.web.ApiError;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/admin/console}: who is signed in and what the API offers. The console signs in with
 * it (a 401 means wrong credentials) and shows an action only when its capability is true.
 */
@Path("v1/admin/console")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console", description = "the operations console's admin endpoints")
public class ConsoleResource {

    public record Info(String user, ConsoleCapabilities capabilities, String openapi) {}

    @GET
    @Operation(summary = "the signed-in admin and the API's capabilities")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Info.class)))
    @APIResponse(
            responseCode = "401",
            description = "UNAUTHORIZED: no or wrong admin credentials",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Info info(@Context SecurityContext security) {
        return new Info(security.getUserPrincipal().getName(), ConsoleCapabilities.CURRENT, "/openapi");
    }
}
