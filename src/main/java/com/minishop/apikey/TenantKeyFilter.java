package com.minishop.apikey;

import com.minishop.tenant.Tenants;
import com.minishop.web.AdminAuthFilter;
import com.minishop.web.AdminOnly;
import com.minishop.web.ApiError;
import com.minishop.web.TenantKeyAccess;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Authenticates {@code Authorization: Bearer <tenant key>} on the {@link AdminOnly} resources, before
 * the admin's HTTP Basic check ({@link AdminAuthFilter}, which lets a request this filter admitted
 * through). A key that is unknown, revoked or malformed: 401, and the source's failure counted (too many:
 * 429, see {@link FailedAttempts}). A valid key on a resource not marked {@link TenantKeyAccess}: 403;
 * on another tenant's path: 404, as if that tenant did not exist; a {@code read} key on anything but
 * GET: 403. The key never reaches the log: only its public key id and tenant.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION - 10)
public class TenantKeyFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(TenantKeyFilter.class.getName());
    private static final String BEARER = "Bearer ";

    private final FailedAttempts failures = new FailedAttempts();

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return; // the admin's HTTP Basic, or nothing: AdminAuthFilter decides
        }
        String source = servletRequest.getRemoteAddr();
        String what = request.getMethod() + " /" + request.getUriInfo().getPath();
        Instant now = Instant.now();
        var wait = failures.waitFor(source, now);
        if (!wait.isZero()) {
            LOG.info(() -> "tenant key refused without a check: too many failures from " + source + " (" + what + ")");
            request.abortWith(answer(429, "TOO_MANY_FAILURES", "too many failed keys; retry later")
                    .header("Retry-After", Long.toString(Math.max(1, wait.toSeconds())))
                    .build());
            return;
        }
        ApiKeySecret key = ApiKeySecret.parse(header.substring(BEARER.length()).trim());
        var scope = key == null
                ? java.util.Optional.<ApiKeyScope>empty()
                : CDI.current().select(ApiKeyService.class).get().authenticate(key.tenantId(), key);
        if (scope.isEmpty()) {
            failures.failed(source, now);
            LOG.info(() -> "tenant key refused: "
                    + (key == null
                            ? "not a key"
                            : "unknown or revoked key " + key.keyId() + " of tenant " + key.tenantId())
                    + " from " + source + " (" + what + ")");
            request.abortWith(answer(401, "UNAUTHORIZED", "unknown or revoked key")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"payment\"")
                    .build());
            return;
        }
        String refusal = refusal(request, key, scope.get());
        if (refusal != null) {
            LOG.info(() -> "tenant key " + key.keyId() + " of tenant " + key.tenantId() + " refused: " + refusal + " ("
                    + what + ")");
            Response.ResponseBuilder answer =
                    switch (refusal) {
                        case "another tenant" -> answer(404, "NOT_FOUND", "not found");
                        case "read-only key" -> answer(403, "FORBIDDEN", "this key may only read");
                        default -> answer(403, "FORBIDDEN", "not available to tenant keys");
                    };
            request.abortWith(answer.build());
            return;
        }
        String name = "tenant " + key.tenantId() + " key " + key.keyId();
        request.setProperty(AdminAuthFilter.AUTHENTICATED, name);
        // the key's public name as the principal: what the console shows as signed in, never the secret
        request.setSecurityContext(new KeyPrincipal(name, request.getSecurityContext()));
    }

    /** The authenticated tenant key. */
    private record KeyPrincipal(String name, SecurityContext original) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return () -> name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return "tenant".equals(role);
        }

        @Override
        public boolean isSecure() {
            return original != null && original.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }

    /** Why a valid key may not make this request; null when it may. */
    private String refusal(ContainerRequestContext request, ApiKeySecret key, ApiKeyScope scope) {
        var method = resource.getResourceMethod();
        if (method == null
                || !(method.isAnnotationPresent(TenantKeyAccess.class)
                        || resource.getResourceClass().isAnnotationPresent(TenantKeyAccess.class))) {
            return "admin only";
        }
        Long pathTenant =
                Tenants.tryParse(request.getUriInfo().getPathParameters().getFirst("tenantId"));
        if (pathTenant == null || pathTenant != key.tenantId()) {
            return "another tenant";
        }
        if (!scope.allows(request.getMethod())) {
            return "read-only key";
        }
        return null;
    }

    private static Response.ResponseBuilder answer(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(code, message, null));
    }
}
