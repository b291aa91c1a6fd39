package com.minishop;

import com.minishop.web.ApiError;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The HTTP API lives under {@code /api}; {@code /health}, {@code /metrics} and {@code /openapi} (this API
 * described, from these annotations and the resources) come from the server.
 */
@ApplicationPath("api")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "payment-callback",
                        version = "1",
                        description = "WeChat Pay v3 payment callbacks for a multi-tenant platform, and the admin API"
                                + " behind the operations console (/console/). Errors are {code, message, field};"
                                + " admin endpoints take HTTP Basic credentials."),
        // the error answers every admin resource shares; resources refer to them by name
        components =
                @Components(
                        responses = {
                            @APIResponse(
                                    name = "InvalidRequest",
                                    responseCode = "400",
                                    description = "INVALID_REQUEST (field names the refused input) or INVALID_JSON",
                                    content = @Content(schema = @Schema(implementation = ApiError.class))),
                            @APIResponse(
                                    name = "Unauthorized",
                                    responseCode = "401",
                                    description = "UNAUTHORIZED: no or wrong admin credentials",
                                    content = @Content(schema = @Schema(implementation = ApiError.class))),
                            @APIResponse(
                                    name = "CrossSite",
                                    responseCode = "403",
                                    description = "CROSS_SITE_REQUEST: a state-changing request a browser sent from"
                                            + " another site (Origin or Sec-Fetch-Site)",
                                    content = @Content(schema = @Schema(implementation = ApiError.class))),
                            @APIResponse(
                                    name = "NotFound",
                                    responseCode = "404",
                                    description = "NOT_FOUND",
                                    content = @Content(schema = @Schema(implementation = ApiError.class))),
                            @APIResponse(
                                    name = "Conflict",
                                    responseCode = "409",
                                    description = "CONFLICT: contradicts what is stored (field names it)",
                                    content = @Content(schema = @Schema(implementation = ApiError.class)))
                        }))
@SecurityScheme(securitySchemeName = "admin", type = SecuritySchemeType.HTTP, scheme = "basic")
public class PaymentApplication extends Application {}
