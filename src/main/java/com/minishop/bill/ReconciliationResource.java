package com.minishop.bill;

import com.minishop.tenant.Tenants;
import com.minishop.web.AdminOnly;
import com.minishop.web.InvalidInputException;
import com.minishop.web.NotFoundException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/admin/tenants/{tenantId}/reconciliations}: run a day now, read its report, list days.
 * Dates are Asia/Shanghai days, {@code yyyy-MM-dd}.
 */
@Path("v1/admin/tenants/{tenantId}/reconciliations")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reconciliation", description = "the daily reconciliation against WeChat Pay's trade bill (admin)")
public class ReconciliationResource {

    /** WeChat keeps trade bills for 3 months; a listing covers at most a year. */
    static final long MAX_LISTED_DAYS = 366;

    @Inject
    Reconciliations reconciliations;

    @POST
    @Path("{date}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "run (or re-run) the day now; 409 while that day is running")
    @APIResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = ReconciliationReport.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "CrossSite")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public ReconciliationReport run(@PathParam("tenantId") String tenantId, @PathParam("date") String date) {
        long tenant = Tenants.parse(tenantId);
        LocalDate day = day("date", date);
        if (day.isAfter(LocalDate.now(Reconciliations.BEIJING))) {
            throw new InvalidInputException("date", "date " + date + " is in the future (Asia/Shanghai)");
        }
        return reconciliations.run(tenant, day, false).orElseThrow();
    }

    @GET
    @Path("{date}")
    @Operation(summary = "the day's report")
    @APIResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = ReconciliationReport.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public ReconciliationReport get(@PathParam("tenantId") String tenantId, @PathParam("date") String date) {
        long tenant = Tenants.parse(tenantId);
        LocalDate day = day("date", date);
        return reconciliations
                .find(tenant, day)
                .orElseThrow(() -> new NotFoundException("no reconciliation of " + day + " for tenant " + tenant));
    }

    @GET
    @Operation(summary = "the days from..to (inclusive) with status and counts, oldest first")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    public List<ReconciliationReport> list(
            @PathParam("tenantId") String tenantId, @QueryParam("from") String from, @QueryParam("to") String to) {
        long tenant = Tenants.parse(tenantId);
        LocalDate first = day("from", from);
        LocalDate last = day("to", to);
        if (last.isBefore(first)) {
            throw new InvalidInputException("to", "to must not be before from");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_LISTED_DAYS) {
            throw new InvalidInputException("to", "a listing covers at most " + MAX_LISTED_DAYS + " days");
        }
        return reconciliations.list(tenant, first, last);
    }

    static LocalDate day(String field, String raw) {
        if (raw == null || !raw.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new InvalidInputException(field, field + " must be a date yyyy-MM-dd");
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " " + raw + " is not a date");
        }
    }
}
