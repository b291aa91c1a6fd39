package com.minishop.console;

import com.minishop.payment.CallbackOutcome;
import com.minishop.web.AdminOnly;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/admin/console}: who is signed in and what the API offers. The console signs in with
 * it (a 401 means wrong credentials) and shows an action only when its capability is true.
 */
@Path("v1/admin/console")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console", description = "the operations console's admin endpoints")
public class ConsoleResource {

    /**
     * Who is signed in, what the API offers, and the codes the console's filters offer; {@code tenantId}
     * only when a tenant's key signed in (then the console shows that tenant only).
     */
    public record Info(
            String user,
            Long tenantId,
            ConsoleCapabilities capabilities,
            String openapi,
            List<String> outcomes,
            List<String> eventTypes,
            List<AttentionKind> attentionKinds) {}

    /** The event types WeChat Pay sends that this service understands. */
    static final List<String> EVENT_TYPES = List.of(
            "TRANSACTION.SUCCESS",
            "TRANSACTION.PAYERROR",
            "TRANSACTION.CLOSED",
            "TRANSACTION.REVOKED",
            "REFUND.SUCCESS",
            "REFUND.ABNORMAL",
            "REFUND.CLOSED");

    @GET
    @Operation(summary = "the signed-in admin and the API's capabilities")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Info.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    public Info info(@Context SecurityContext security) {
        return info(security, null);
    }

    static Info info(SecurityContext security, Long tenantId) {
        return new Info(
                security.getUserPrincipal().getName(),
                tenantId,
                ConsoleCapabilities.CURRENT,
                "/openapi",
                CallbackOutcome.ALL_CODES.stream().sorted().toList(),
                EVENT_TYPES,
                List.of(AttentionKind.values()));
    }
}
