package com.minishop;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
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
                                + " admin endpoints take HTTP Basic credentials."))
@SecurityScheme(securitySchemeName = "admin", type = SecuritySchemeType.HTTP, scheme = "basic")
public class PaymentApplication extends Application {}
