package com.minishop.wechatpay;

import com.minishop.tenant.Tenants;
import com.minishop.web.AdminOnly;
import com.minishop.web.InvalidInputException;
import com.minishop.web.QueryLimit;
import com.minishop.web.TenantKeyAccess;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/v1/admin/tenants/{tenantId}/wechatpay-calls?limit=&outcome=}: the call log, newest first. */
@Path("v1/admin/tenants/{tenantId}/wechatpay-calls")
@AdminOnly
@TenantKeyAccess
@Produces(MediaType.APPLICATION_JSON)
public class WechatPayCallsResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    @Inject
    WechatPayCallLog callLog;

    @GET
    public List<CallRecord> list(
            @PathParam("tenantId") String tenantId,
            @QueryParam("limit") String limit,
            @QueryParam("outcome") String outcome) {
        long tenant = Tenants.parse(tenantId);
        int max = QueryLimit.parse(limit, DEFAULT_LIMIT, MAX_LIMIT);
        if (outcome != null && !WechatPayClient.OUTCOMES.contains(outcome)) {
            throw new InvalidInputException("outcome", "outcome must be one of " + WechatPayClient.OUTCOMES);
        }
        return callLog.newest(tenant, max, outcome);
    }
}
