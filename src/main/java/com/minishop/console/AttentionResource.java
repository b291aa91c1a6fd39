package com.minishop.console;

import com.minishop.tenant.Tenants;
import com.minishop.web.AdminOnly;
import com.minishop.web.InvalidInputException;
import com.minishop.web.QueryLimit;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/admin/attention}: what needs a person, grouped by tenant and kind; acknowledging or
 * resolving a group with a note; and the trail of who did what when.
 */
@Path("v1/admin/attention")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console")
public class AttentionResource {

    static final int NOTE_MAX = 1000;

    @Inject
    AttentionQueue queue;

    /** The body of an acknowledgement or resolution. */
    public record ActionRequest(String action, String note) {}

    public record Groups(List<AttentionQueue.Group> groups) {}

    public record Trail(List<AttentionQueue.ActionTaken> actions) {}

    @GET
    @Operation(summary = "groups that need a person, most recent first (open and acknowledged)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Groups.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    public Groups groups() {
        return new Groups(queue.groups());
    }

    @POST
    @Path("{tenantId}/{kind}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "acknowledge or resolve a group with a note; a resolution covers the occurrences so far, later"
                    + " ones open the group again")
    @APIResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = AttentionQueue.ActionTaken.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "CrossSite")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public AttentionQueue.ActionTaken act(
            @PathParam("tenantId") String tenantId,
            @PathParam("kind") String kind,
            ActionRequest body,
            @Context SecurityContext security) {
        long tenant = Tenants.parse(tenantId);
        AttentionKind known = AttentionKind.of(kind);
        if (known == null) {
            throw new InvalidInputException("kind", "kind must be one of " + Arrays.toString(AttentionKind.values()));
        }
        if (body == null) {
            throw new InvalidInputException("body", "an action and a note are required");
        }
        AttentionQueue.Action action = Arrays.stream(AttentionQueue.Action.values())
                .filter(a -> a.name().equals(body.action()))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("action", "action must be ACKNOWLEDGE or RESOLVE"));
        String note = body.note() == null ? null : body.note().strip();
        if (note == null || note.isEmpty() || note.length() > NOTE_MAX) {
            throw new InvalidInputException("note", "note must be 1 to " + NOTE_MAX + " characters");
        }
        return queue.act(
                tenant, known, action, note, security.getUserPrincipal().getName());
    }

    @GET
    @Path("actions")
    @Operation(summary = "what people did about groups, newest first (the trail)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Trail.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    public Trail actions(@QueryParam("limit") String limit) {
        return new Trail(queue.history(QueryLimit.parse(limit, 50, 500)));
    }
}
