package com.minishop.payment;

import com.minishop.database.DbTime;
import com.minishop.payment.wechat.NotificationHeaders;
import com.minishop.payment.wechat.NotificationRejectedException.Reason;
import com.minishop.payment.wechat.NotificationVerifier;
import com.minishop.payment.wechat.UnverifiedClaims;
import com.minishop.tenant.Tenants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/payments/wechat/notify/{tenantId}}: where WeChat Pay delivers notifications. No
 * HTTP authentication: the signature is the authentication. Reads the raw bytes (never parsed and
 * re-serialised: the signature covers them exactly), at most the body cap, and hands them to the
 * payment service. The answer leaves only after the transaction has committed.
 *
 * <p>One instance for the application (it holds only thread-safe references): as a per-request resource,
 * Jersey built it and ran CDI injection into it for every delivery, a tenth of the callback's CPU.
 */
@Path("v1/payments/wechat/notify/{tenantId}")
@ApplicationScoped
@Tag(
        name = "WeChat Pay notify",
        description = "where WeChat Pay delivers notifications; the signature is the authentication")
public class NotifyResource {

    private static final Logger LOG = Logger.getLogger(NotifyResource.class.getName());

    /** How much of an oversized body is read (and thrown away) to answer it cleanly. */
    static final int DRAIN_LIMIT = 1024 * 1024;

    @Inject
    PaymentService payments;

    @Inject
    CallbackLog callbackLog;

    @Inject
    NotificationVerifier verifier;

    @Inject
    CallbackMetrics metrics;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "a WeChat Pay v3 notification (signed, AES-GCM encrypted resource), applied exactly once",
            description = "204: applied, duplicate or stale. Otherwise {\"code\":\"FAIL\",\"message\"} and WeChat"
                    + " retries: 400 malformed, 401 signature/serial/timestamp/decryption, 404 no merchant account or"
                    + " no such order, 409 refund before payment, 413 body over 64 KiB, 422 contradicts our records,"
                    + " 500 not stored.")
    @APIResponse(responseCode = "204", description = "applied, a duplicate or stale: WeChat stops")
    @APIResponse(responseCode = "400", description = "FAIL: malformed headers or body")
    @APIResponse(responseCode = "401", description = "FAIL: signature, serial, timestamp, SIGNTEST or decryption")
    @APIResponse(responseCode = "404", description = "FAIL: no merchant account for the tenant, or no such order")
    @APIResponse(responseCode = "409", description = "FAIL: a refund before its payment")
    @APIResponse(responseCode = "413", description = "FAIL: body over 64 KiB")
    @APIResponse(responseCode = "422", description = "FAIL: verified but contradicts our records")
    @APIResponse(responseCode = "500", description = "FAIL: could not be stored; WeChat retries")
    public Response notify(@PathParam("tenantId") String tenantId, @Context HttpHeaders http, InputStream body) {
        long started = System.nanoTime();
        var headers = NotificationHeaders.from(http::getRequestHeader);
        var delivery =
                new Delivery(Tenants.tryParse(tenantId), DbTime.now(), started, headers.serial(), headers.timestamp());
        CallbackAnswer answer;
        try {
            answer = handle(delivery, headers, http, body);
        } catch (RuntimeException e) {
            // whatever went wrong, WeChat gets its FAIL body and retries
            LOG.log(Level.SEVERE, "tenant " + delivery.tenantId() + ": notification not handled", e);
            answer = new CallbackAnswer(
                    CallbackOutcome.ERROR.name(), CallbackOutcome.ERROR.httpStatus(), "could not be handled; retry");
        }
        metrics.record(answer.outcome(), started);
        Response response = answer.toResponse();
        if (answer.status() == 413) {
            // the rest of an oversized body is never buffered; the connection is not reused
            response = Response.fromResponse(response)
                    .header("Connection", "close")
                    .build();
        }
        return response;
    }

    private CallbackAnswer handle(Delivery delivery, NotificationHeaders headers, HttpHeaders http, InputStream body) {
        var noClaims = new UnverifiedClaims(headers.serial(), headers.timestamp(), null, null);
        byte[] bytes;
        try {
            bytes = readCapped(body, http.getLength(), verifier.maxBodyBytes());
        } catch (IOException e) {
            return rejected(delivery, noClaims, Reason.MALFORMED_BODY.name(), 400, "the body could not be read");
        }
        if (bytes == null) {
            drain(body, http.getLength());
            return rejected(
                    delivery,
                    noClaims,
                    Reason.BODY_TOO_LARGE.name(),
                    413,
                    "body is larger than " + verifier.maxBodyBytes() + " bytes");
        }
        if (delivery.tenantId() == null) {
            return rejected(
                    delivery,
                    verifier.peek(bytes, headers),
                    CallbackOutcome.UNKNOWN_TENANT.name(),
                    CallbackOutcome.UNKNOWN_TENANT.httpStatus(),
                    "no such tenant");
        }
        try {
            CallbackAnswer answer = payments.handlePaymentCallback(delivery.tenantId(), headers, bytes, delivery);
            if (answer.accepted() && !delivery.commit().committed()) {
                // rolled back silently (a transaction timeout): never acknowledge what was not stored
                LOG.severe(() -> "tenant " + delivery.tenantId() + ": " + answer.outcome()
                        + " was not committed; answering 500");
                return notStored(delivery, headers, bytes);
            }
            return answer;
        } catch (RuntimeException e) {
            // nothing was committed: WeChat retries, and the retry is applied
            LOG.log(Level.SEVERE, "tenant " + delivery.tenantId() + ": notification not stored", e);
            return notStored(delivery, headers, bytes);
        }
    }

    /** Nothing was committed: a 500 with the FAIL body, so WeChat retries, and the retry is applied. */
    private CallbackAnswer notStored(Delivery delivery, NotificationHeaders headers, byte[] bytes) {
        return rejected(
                delivery,
                verifier.peek(bytes, headers),
                CallbackOutcome.ERROR.name(),
                CallbackOutcome.ERROR.httpStatus(),
                "could not be stored; retry");
    }

    /** Logs in a transaction of its own; if even logging fails, the server log has it. */
    private CallbackAnswer rejected(
            Delivery delivery, UnverifiedClaims claims, String outcome, int status, String message) {
        try {
            callbackLog.recordSeparately(CallbackLogRow.unverified(delivery, claims, outcome, status, message));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "tenant {0}: delivery answered {1} {2} could not be logged: {3}", new Object[] {
                delivery.tenantId(), status, outcome, e.toString()
            });
        }
        return new CallbackAnswer(outcome, status, message);
    }

    /**
     * Reads and discards the rest of an oversized body, up to {@link #DRAIN_LIMIT}, so that a client that
     * reads the answer only after sending everything gets it. Nothing is kept; a larger body is not read
     * at all. True when fully drained.
     */
    static boolean drain(InputStream in, int declaredLength) {
        if (declaredLength > DRAIN_LIMIT) {
            return false;
        }
        try {
            byte[] sink = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(sink)) >= 0; ) {
                total += n;
                if (total > DRAIN_LIMIT) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The whole body, or null when it is larger than {@code cap} (judged before reading when the length is declared). */
    static byte[] readCapped(InputStream in, int declaredLength, int cap) throws IOException {
        if (declaredLength > cap) {
            return null;
        }
        byte[] bytes = in.readNBytes(cap + 1);
        return bytes.length > cap ? null : bytes;
    }
}
