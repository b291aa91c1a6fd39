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

/** {@code /api/v1/admin/tenants/{tenantId}/wechatpay}: a tenant's WeChat Pay merchant account. */
@Path("v1/admin/tenants/{tenantId}/wechatpay")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MerchantAccountResource {

    @Inject
    MerchantAccountService accounts;

    @PUT
    public MerchantAccountView replace(@PathParam("tenantId") String tenantId, MerchantAccountRequest body) {
        if (body == null) {
            throw new InvalidInputException("body", "a merchant account is required");
        }
        return accounts.replace(Tenants.parse(tenantId), body);
    }

    @GET
    public MerchantAccountView get(@PathParam("tenantId") String tenantId) {
        return accounts.find(Tenants.parse(tenantId))
                .orElseThrow(() -> new NotFoundException("tenant " + tenantId + " has no merchant account"));
    }
}
