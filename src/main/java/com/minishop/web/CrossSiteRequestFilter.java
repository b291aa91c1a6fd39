package com.minishop.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Refuses state-changing admin requests that a browser sends on behalf of another site (403). A browser
 * attaches cached Basic credentials to a request forged by any page, so the credentials alone do not
 * show that the admin meant it. Browsers say where a request comes from: an {@code Origin} other than
 * the service's own, or a {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none}, is
 * another site. Scripts and servers send neither header and are unaffected. Runs before authentication,
 * so a forged request learns nothing about the credentials.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION - 100)
public class CrossSiteRequestFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(CrossSiteRequestFilter.class.getName());

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        String origin = request.getHeaderString("Origin");
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        String field = null;
        if (fetchSite != null && !OWN_SITE.contains(fetchSite.trim().toLowerCase(Locale.ROOT))) {
            field = "Sec-Fetch-Site";
        } else if (origin != null && !sameOrigin(origin, request.getUriInfo().getBaseUri())) {
            field = "Origin";
        }
        if (field == null) {
            return;
        }
        String from = field + " " + (field.equals("Origin") ? origin : fetchSite);
        LOG.info(() -> "cross-site admin request refused (" + clean(from) + "): " + request.getMethod() + " /"
                + request.getUriInfo().getPath());
        request.abortWith(Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(
                        "CROSS_SITE_REQUEST",
                        "a state-changing admin request must come from this service's own pages",
                        field))
                .build());
    }

    /** Scheme, host and port of the Origin header against those the request was addressed to. */
    static boolean sameOrigin(String origin, URI service) {
        URI given;
        try {
            given = URI.create(origin.trim());
        } catch (IllegalArgumentException e) {
            return false; // "null" (a sandboxed or file page) and garbage are nobody's own
        }
        return given.getScheme() != null
                && given.getHost() != null
                && given.getScheme().equalsIgnoreCase(service.getScheme())
                && given.getHost().equalsIgnoreCase(service.getHost())
                && port(given) == port(service);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String clean(String value) {
        String cut = value.length() > 200 ? value.substring(0, 200) : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
