package com.minishop.reconciliation;

import com.minishop.database.DbTime;
import com.minishop.order.CheckScheduleConfig;
import com.minishop.order.Order;
import com.minishop.order.OrderService;
import com.minishop.order.OrderView;
import com.minishop.order.PayState;
import com.minishop.payment.FactSource;
import com.minishop.payment.PaymentService;
import com.minishop.payment.QueryResult;
import com.minishop.payment.wechat.MerchantCredentials;
import com.minishop.payment.wechat.Transaction;
import com.minishop.web.InvalidInputException;
import com.minishop.web.NotFoundException;
import com.minishop.wechatpay.RequestPayment;
import com.minishop.wechatpay.RequestSigner;
import com.minishop.wechatpay.WechatPayAccess;
import com.minishop.wechatpay.WechatPayClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/**
 * Prepay, sync and close of one order, for the API and for the sweep. Each step is its own transaction or
 * none: read the order, call WeChat Pay (no transaction open), apply the answer through {@link
 * PaymentService} (one short transaction under the order's row lock).
 */
@ApplicationScoped
public class OrderPayments {

    /** WeChat's openids are 28 characters of Base64url; allow some room, nothing else. */
    private static final Pattern OPENID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    public static final String API = WechatPayAccess.API;
    public static final String SWEEP = WechatPayAccess.SWEEP;

    @Inject
    OrderService orders;

    @Inject
    PaymentService payments;

    @Inject
    WechatPayAccess access;

    @Inject
    WechatPayClient wechat;

    @Inject
    CheckScheduleConfig schedule;

    /** What the mini-program needs to pay. */
    public record Prepay(String prepayId, OffsetDateTime expiresAt, RequestPayment requestPayment) {}

    /** The order after a sync, WeChat's transaction (null: WeChat has no such order), and the outcome. */
    public record Synced(QueryResult result, Transaction wechat) {}

    public Prepay prepay(long tenantId, String orderNo, String openId) {
        if (openId == null || !OPENID.matcher(openId).matches()) {
            throw new InvalidInputException("openid", "openid must be 1-128 letters, digits, _ or -");
        }
        Order order = order(tenantId, orderNo);
        MerchantCredentials credentials = access.apiCredentials(tenantId);
        String notifyUrl = access.notifyUrl(tenantId);
        OffsetDateTime now = DbTime.now();
        if (!order.payState().awaitingPayment()) {
            throw new OrderStateConflict(
                    "ORDER_NOT_AWAITING_PAYMENT",
                    "order " + orderNo + " is " + order.orderStatus().label() + " (payState "
                            + order.payState().code() + ")",
                    OrderView.of(order));
        }
        if (order.expired(now)) {
            throw new OrderStateConflict(
                    "ORDER_EXPIRED", "order " + orderNo + " expired at " + order.expiresAt(), OrderView.of(order));
        }
        String prepayId = order.reusablePrepayId(openId, now).orElse(null);
        if (prepayId == null) {
            var call = new WechatPayClient.Call(tenantId, credentials, API, orderNo);
            var prepaid = wechat.prepay(
                    call,
                    order.description() != null ? order.description() : orderNo,
                    order.amountTotal(),
                    order.currency(),
                    order.expiresAt(),
                    notifyUrl,
                    openId);
            prepayId = prepaid.prepayId();
            payments.prepaid(tenantId, orderNo, prepayId, openId, prepaid.requestId(), schedule.get());
        }
        var key = credentials.apiKey().orElseThrow();
        return new Prepay(
                prepayId,
                order.expiresAt(),
                RequestPayment.sign(credentials.appId(), prepayId, key, now.toEpochSecond(), RequestSigner.nonce()));
    }

    /** Queries the order at WeChat Pay now and applies the answer. */
    public Synced sync(long tenantId, String orderNo) {
        order(tenantId, orderNo);
        return sync(tenantId, orderNo, access.apiCredentials(tenantId), API);
    }

    /** Query, then close at WeChat and query again unless it was paid; see {@link #close(long, String, MerchantCredentials, String)}. */
    public QueryResult close(long tenantId, String orderNo) {
        order(tenantId, orderNo);
        return close(tenantId, orderNo, access.apiCredentials(tenantId), API);
    }

    Synced sync(long tenantId, String orderNo, MerchantCredentials credentials, String trigger) {
        var queried = wechat.query(new WechatPayClient.Call(tenantId, credentials, trigger, orderNo));
        QueryResult result = payments.applyQueried(
                tenantId,
                orderNo,
                credentials,
                queried.transaction(),
                FactSource.QUERY,
                queried.requestId(),
                schedule.get());
        return new Synced(result, queried.transaction());
    }

    /**
     * The safe order of steps: query; if paid (or being paid) apply that and stop; else close at WeChat,
     * query again and accept only CLOSED, or WeChat not knowing the order, as closed. A payment that lands
     * during the close shows in that second query (or later: a notification, the sweep) and is applied.
     */
    QueryResult close(long tenantId, String orderNo, MerchantCredentials credentials, String trigger) {
        var call = new WechatPayClient.Call(tenantId, credentials, trigger, orderNo);
        var first = wechat.query(call);
        Transaction t = first.transaction();
        if (t != null && (t.paid() || "USERPAYING".equals(t.tradeState()) || "CLOSED".equals(t.tradeState()))) {
            return payments.applyQueried(
                    tenantId, orderNo, credentials, t, FactSource.QUERY, first.requestId(), schedule.get());
        }
        wechat.close(call);
        var second = wechat.query(call);
        return payments.applyQueried(
                tenantId,
                orderNo,
                credentials,
                second.transaction(),
                FactSource.CLOSE,
                second.requestId(),
                schedule.get());
    }

    /** The closing answer's verdict: closed (200), paid (409 with the order), or not closed (409). */
    static void requireClosed(QueryResult result) {
        PayState state = PayState.ofCode(result.order().payState());
        if (state == PayState.CLOSED) {
            return;
        }
        if (state == PayState.PAID || state == PayState.REFUNDED) {
            throw new OrderStateConflict(
                    "ORDER_PAID", "order " + result.order().orderNo() + " is paid: not closed", result.order());
        }
        throw new OrderStateConflict(
                "NOT_CLOSED",
                "order " + result.order().orderNo() + " was not closed (" + result.outcome() + ": " + result.message()
                        + "); asked again later",
                result.order());
    }

    private Order order(long tenantId, String orderNo) {
        if (orderNo == null || !Order.ORDER_NO.matcher(orderNo).matches()) {
            throw new NotFoundException("no order " + orderNo + " in tenant " + tenantId);
        }
        return orders.snapshot(tenantId, orderNo)
                .orElseThrow(() -> new NotFoundException("no order " + orderNo + " in tenant " + tenantId));
    }
}
