package com.minishop.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * HTTP Basic authentication of the admin API against {@code PAYMENT_ADMIN_USER} and {@code
 * PAYMENT_ADMIN_PASSWORD}. The WAR has no built-in password: with none configured, every admin request
 * is refused. Credentials are compared as SHA-256 digests in constant time. Tenants' API keys are
 * checked before, by {@code com.minishop.apikey.TenantKeyFilter}.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(AdminAuthFilter.class.getName());

    /**
     * Request property set by a filter that ran before this one and authenticated the request another
     * way (a tenant's API key, {@code com.minishop.apikey.TenantKeyFilter}): then the request passes.
     */
    public static final String AUTHENTICATED = "com.minishop.authenticated";

    private final byte[] expected;

    public AdminAuthFilter() {
        var config = ConfigProvider.getConfig();
        var user = config.getOptionalValue("PAYMENT_ADMIN_USER", String.class).orElse("admin");
        var password = config.getOptionalValue("PAYMENT_ADMIN_PASSWORD", String.class);
        if (password.isEmpty()) {
            LOG.severe("PAYMENT_ADMIN_PASSWORD is not set: the admin API refuses every request");
        }
        this.expected = password.map(p -> digest(user + ":" + p)).orElse(null);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getProperty(AUTHENTICATED) != null) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (expected != null && header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            byte[] given;
            try {
                given = digest(new String(
                        Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                given = null;
            }
            if (given != null && MessageDigest.isEqual(expected, given)) {
                return;
            }
        }
        LOG.info(() -> "admin request refused: " + (header == null ? "no credentials" : "wrong credentials") + " for "
                + request.getMethod() + " /" + request.getUriInfo().getPath());
        request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"payment-admin\", charset=\"UTF-8\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("UNAUTHORIZED", "admin credentials required", null))
                .build());
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
