package com.minishop.console;

import com.minishop.web.AdminOnly;
import com.minishop.web.InvalidInputException;
import com.minishop.web.QueryLimit;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/admin/tenants}: every tenant's merchant account at a glance, without secrets. */
@Path("v1/admin/tenants")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console")
public class TenantsResource {

    @Inject
    TenantAccounts accounts;

    public record Tenants(List<TenantAccounts.Tenant> tenants, String nextCursor) {}

    @GET
    @Operation(summary = "tenants with a merchant account by tenant id; keys with expiry, the last delivery")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Tenants.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    public Tenants list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        long after = 0;
        if (cursor != null && !cursor.isEmpty()) {
            Long parsed = com.minishop.tenant.Tenants.tryParse(cursor);
            if (parsed == null) {
                throw new InvalidInputException("cursor", "cursor must be the nextCursor of a previous page");
            }
            after = parsed;
        }
        int max = QueryLimit.parse(limit, 200, 1000);
        var page = accounts.list(after, max);
        String next = page.size() == max ? Long.toString(page.get(max - 1).tenantId()) : null;
        return new Tenants(page, next);
    }
}
