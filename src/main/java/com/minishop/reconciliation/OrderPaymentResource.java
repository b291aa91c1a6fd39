package com.minishop.reconciliation;

import com.minishop.order.OrderView;
import com.minishop.payment.wechat.Transaction;
import com.minishop.tenant.Tenants;
import com.minishop.web.AdminOnly;
import com.minishop.web.InvalidInputException;
import com.minishop.web.TenantKeyAccess;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.time.OffsetDateTime;

/**
 * {@code POST /api/v1/tenants/{tenantId}/orders/{orderNo}/wechat-prepay | sync | close}. One root resource
 * whose template names the three operations, so that {@code GET .../orders/{orderNo}} stays the order
 * resource's.
 */
@Path("v1/tenants/{tenantId}/orders/{orderNo}/{operation: wechat-prepay|sync|close}")
@AdminOnly
@TenantKeyAccess
@Produces(MediaType.APPLICATION_JSON)
public class OrderPaymentResource {

    @Inject
    OrderPayments payments;

    /** WeChat's view of the order, as a sync shows it. */
    @JsonbNillable
    public record WechatView(
            String tradeState, String transactionId, OffsetDateTime successTime, Long amountTotal, String currency) {
        static WechatView of(Transaction t) {
            return t == null
                    ? null
                    : new WechatView(
                            t.tradeState(),
                            t.transactionId(),
                            t.successTime(),
                            t.amount() == null ? null : t.amount().total(),
                            t.amount() == null ? null : t.amount().currency());
        }
    }

    @JsonbNillable
    public record SyncAnswer(OrderView order, WechatView wechat, String outcome) {}

    public record CloseAnswer(OrderView order, String outcome) {}

    /** The {@code openid} of a prepay body {@code {"openid":"..."}}. */
    static String openId(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("openid", "a body {\"openid\":\"...\"} is required");
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            JsonObject object = reader.readObject();
            return object.get("openid") instanceof JsonString s ? s.getString() : null;
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidInputException("body", "request body is not a JSON object");
        }
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Object post(
            @PathParam("tenantId") String tenantId,
            @PathParam("orderNo") String orderNo,
            @PathParam("operation") String operation,
            String body) {
        long tenant = Tenants.parse(tenantId);
        return switch (operation) {
            case "wechat-prepay" -> payments.prepay(tenant, orderNo, openId(body));
            case "sync" -> {
                var synced = payments.sync(tenant, orderNo);
                yield new SyncAnswer(
                        synced.result().order(),
                        WechatView.of(synced.wechat()),
                        synced.result().outcome().name());
            }
            default -> {
                var closed = payments.close(tenant, orderNo);
                OrderPayments.requireClosed(closed);
                yield new CloseAnswer(closed.order(), "CLOSED");
            }
        };
    }
}
