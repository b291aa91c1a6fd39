package com.minishop.payment;

import com.minishop.tenant.Tenants;
import com.minishop.web.AdminOnly;
import com.minishop.web.InvalidInputException;
import com.minishop.web.QueryLimit;
import com.minishop.web.TenantKeyAccess;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/admin/tenants/{tenantId}/payment-notifications?limit=&outcome=}: the callback log, newest first. */
@Path("v1/admin/tenants/{tenantId}/payment-notifications")
@AdminOnly
@TenantKeyAccess
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "callback log", description = "deliveries of WeChat Pay notifications (admin)")
public class PaymentNotificationsResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    @Inject
    CallbackLog callbackLog;

    /** One logged delivery. */
    @JsonbNillable
    public record Entry(
            long id,
            OffsetDateTime receivedAt,
            Long tenantId,
            String notificationId,
            String eventType,
            String serial,
            String timestamp,
            boolean verified,
            boolean settled,
            String outcome,
            int httpStatus,
            String outTradeNo,
            String transactionId,
            String message,
            long processingMicros) {

        static Entry of(CallbackLogEntry e) {
            return new Entry(
                    e.id(),
                    e.receivedAt(),
                    e.tenantId(),
                    e.notificationId(),
                    e.eventType(),
                    e.serial(),
                    e.wechatTimestamp(),
                    e.verified(),
                    e.settled(),
                    e.outcome(),
                    e.httpStatus(),
                    e.outTradeNo(),
                    e.transactionId(),
                    e.message(),
                    e.processingMicros());
        }
    }

    @GET
    @Operation(summary = "the tenant's callback log, newest first")
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    public List<Entry> list(
            @PathParam("tenantId") String tenantId,
            @QueryParam("limit") String limit,
            @QueryParam("outcome") String outcome) {
        long tenant = Tenants.parse(tenantId);
        int max = QueryLimit.parse(limit, DEFAULT_LIMIT, MAX_LIMIT);
        if (outcome != null && !CallbackOutcome.ALL_CODES.contains(outcome)) {
            throw new InvalidInputException("outcome", "outcome must be one of " + CallbackOutcome.ALL_CODES);
        }
        return callbackLog.newest(tenant, max, outcome).stream().map(Entry::of).toList();
    }
}
