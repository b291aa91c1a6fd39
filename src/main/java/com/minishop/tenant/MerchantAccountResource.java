package com.minishop.tenant;

import com.minishop.web.AdminOnly;
import com.minishop.web.InvalidInputException;
import com.minishop.web.NotFoundException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/admin/tenants/{tenantId}/wechatpay}: a tenant's WeChat Pay merchant account. */
@Path("v1/admin/tenants/{tenantId}/wechatpay")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "merchant accounts", description = "tenants' WeChat Pay merchant accounts (admin)")
public class MerchantAccountResource {

    @Inject
    MerchantAccountService accounts;

    @PUT
    @Operation(summary = "create or replace the tenant's merchant account; nothing is stored if a field is invalid")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MerchantAccountView.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "CrossSite")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public MerchantAccountView replace(@PathParam("tenantId") String tenantId, MerchantAccountRequest body) {
        if (body == null) {
            throw new InvalidInputException("body", "a merchant account is required");
        }
        return accounts.replace(Tenants.parse(tenantId), body);
    }

    @GET
    @Operation(summary = "the account without the APIv3 key")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MerchantAccountView.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public MerchantAccountView get(@PathParam("tenantId") String tenantId) {
        return accounts.find(Tenants.parse(tenantId))
                .orElseThrow(() -> new NotFoundException("tenant " + tenantId + " has no merchant account"));
    }
}
