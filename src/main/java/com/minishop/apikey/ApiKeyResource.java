package com.minishop.apikey;

import com.minishop.tenant.Tenants;
import com.minishop.web.AdminOnly;
import com.minishop.web.InvalidInputException;
import com.minishop.web.NotFoundException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** {@code /api/v1/admin/tenants/{tenantId}/api-keys}: the admin issues, lists and revokes a tenant's keys. */
@Path("v1/admin/tenants/{tenantId}/api-keys")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    @Inject
    ApiKeyService keys;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(@PathParam("tenantId") String tenantId, NewApiKeyRequest body, @Context UriInfo uri) {
        if (body == null) {
            throw new InvalidInputException("body", "a name and a scope are required");
        }
        IssuedApiKey issued = keys.issue(Tenants.parse(tenantId), body);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Long.toString(issued.id()))
                        .build())
                .entity(issued)
                .build();
    }

    @GET
    public List<ApiKeyView> list(@PathParam("tenantId") String tenantId) {
        return keys.list(Tenants.parse(tenantId));
    }

    @DELETE
    @Path("{keyId}")
    public Response revoke(@PathParam("tenantId") String tenantId, @PathParam("keyId") String keyId) {
        long tenant = Tenants.parse(tenantId);
        Long id = Tenants.tryParse(keyId); // ids are positive decimal numbers, like tenant ids
        if (id == null) {
            throw new NotFoundException("tenant " + tenant + " has no such api key");
        }
        keys.revoke(tenant, id);
        return Response.noContent().build();
    }
}
