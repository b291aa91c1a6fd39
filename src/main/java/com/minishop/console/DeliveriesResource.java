package com.minishop.console;

import com.minishop.payment.CallbackOutcome;
import com.minishop.web.AdminOnly;
import com.minishop.web.InvalidInputException;
import com.minishop.web.QueryLimit;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/admin/deliveries}: the callback log across tenants, newest first, paged by cursor,
 * filtered by tenant, outcome, event type and time, and searched by one of a delivery's ids.
 */
@Path("v1/admin/deliveries")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console")
public class DeliveriesResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    @Inject
    DeliveryLog log;

    @GET
    @Operation(summary = "deliveries across tenants, newest first; pass nextCursor as cursor for the next page")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DeliveryLog.Page.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    public DeliveryLog.Page list(
            @Parameter(description = "only this tenant") @QueryParam("tenantId") String tenantId,
            @Parameter(description = "only this outcome code") @QueryParam("outcome") String outcome,
            @Parameter(description = "only this event type, e.g. TRANSACTION.SUCCESS") @QueryParam("eventType")
                    String eventType,
            @Parameter(description = "received at or after (ISO-8601 with offset)") @QueryParam("from") String from,
            @Parameter(description = "received before (ISO-8601 with offset)") @QueryParam("to") String to,
            @Parameter(description = "a notification id, out_trade_no, transaction_id or out_refund_no")
                    @QueryParam("q")
                    String search,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "1-500, default 50") @QueryParam("limit") String limit) {
        return log.list(
                filter(Params.tenant(tenantId), outcome, eventType, from, to, search),
                cursor(cursor),
                QueryLimit.parse(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    /** The listing's filter from its parameters; a bad one is refused naming it. */
    static DeliveryLog.Filter filter(
            Long tenantId, String outcome, String eventType, String from, String to, String search) {
        if (outcome != null && !outcome.isEmpty() && !CallbackOutcome.ALL_CODES.contains(outcome)) {
            throw new InvalidInputException("outcome", "outcome must be one of " + CallbackOutcome.ALL_CODES);
        }
        var filter = new DeliveryLog.Filter(
                tenantId,
                outcome == null || outcome.isEmpty() ? null : outcome,
                Params.text(eventType, "eventType", 64),
                Params.time(from, "from"),
                Params.time(to, "to"),
                Params.text(search, "q", 64));
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            throw new InvalidInputException("to", "to must be after from");
        }
        return filter;
    }

    static Long cursor(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.length() > 19 || !raw.chars().allMatch(Character::isDigit)) {
            throw new InvalidInputException("cursor", "cursor must be the nextCursor of a previous page");
        }
        return Long.parseLong(raw);
    }
}
