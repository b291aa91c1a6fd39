package com.minishop.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Base64;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * HTTP Basic authentication of the admin API against {@code PAYMENT_ADMIN_USER} and {@code
 * PAYMENT_ADMIN_PASSWORD}. The WAR has no built-in password: with none configured, every admin request
 * is refused. Credentials are compared as SHA-256 digests in constant time. The admin's name becomes the
 * request's principal (who acknowledged what, in the console's trail). Tenants' API keys are checked
 * before, by {@code com.minishop.apikey.TenantKeyFilter}.
 *
 * <p>A refusal of a request from the operations console ({@link #CONSOLE_HEADER}) carries no {@code
 * WWW-Authenticate: Basic} challenge: the console signs in within its page, and the challenge would make
 * the browser open its own password prompt and cache what is typed there.
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

    /** Sent by the console with every request. */
    public static final String CONSOLE_HEADER = "X-Payment-Console";

    private final String user;
    private final byte[] expected;

    public AdminAuthFilter() {
        var config = ConfigProvider.getConfig();
        this.user = config.getOptionalValue("PAYMENT_ADMIN_USER", String.class).orElse("admin");
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
                request.setSecurityContext(new Admin(user, request.getSecurityContext()));
                return;
            }
        }
        LOG.info(() -> "admin request refused: " + (header == null ? "no credentials" : "wrong credentials") + " for "
                + request.getMethod() + " /" + request.getUriInfo().getPath());
        var refusal = Response.status(Response.Status.UNAUTHORIZED)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("UNAUTHORIZED", "admin credentials required", null));
        if (request.getHeaderString(CONSOLE_HEADER) == null) {
            refusal.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"payment-admin\", charset=\"UTF-8\"");
        }
        request.abortWith(refusal.build());
    }

    /** The authenticated admin. */
    private record Admin(String name, SecurityContext original) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return () -> name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return "admin".equals(role);
        }

        @Override
        public boolean isSecure() {
            return original != null && original.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return SecurityContext.BASIC_AUTH;
        }
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
