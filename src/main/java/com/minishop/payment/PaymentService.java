package com.minishop.payment;

import com.minishop.audit.Audited;
import com.minishop.database.DbTime;
import com.minishop.order.CheckSchedule;
import com.minishop.order.Order;
import com.minishop.order.OrderChange;
import com.minishop.order.OrderView;
import com.minishop.order.PayState;
import com.minishop.order.Transition;
import com.minishop.payment.wechat.MerchantCredentials;
import com.minishop.payment.wechat.NotificationHeaders;
import com.minishop.payment.wechat.NotificationRejectedException;
import com.minishop.payment.wechat.NotificationVerifier;
import com.minishop.payment.wechat.Refund;
import com.minishop.payment.wechat.Transaction;
import com.minishop.payment.wechat.UnverifiedClaims;
import com.minishop.payment.wechat.VerifiedNotification;
import com.minishop.tenant.MerchantAccountService;
import com.minishop.tenant.MerchantCredentialsCache;
import com.minishop.tenant.TenantBound;
import com.minishop.tenant.TenantId;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Turns one WeChat Pay notification into the right order state for the right tenant, exactly once.
 *
 * <p>{@link #handlePaymentCallback} is one container-managed transaction: verify with the tenant's
 * merchant account, check the notification against our records, lock the order row, apply the fact
 * through {@link #updateOrderPaymentStatus} (the one place an order's payment state changes), store the
 * payment or refund record, and log the delivery; all of it commits together or not at all. Exactly
 * once rests on three things that hold across instances sharing a database: the order row lock
 * serialises every fact about one order, the order's state machine recognises a fact it already holds,
 * and a verified notification id settles once (a partial unique key in the callback log). Nothing
 * unverified ever reaches the settled key, so a forged copy of a genuine id cannot block the genuine one.
 */
@Stateless
@TenantBound
@Audited
public class PaymentService {

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(PaymentService.class.getName());

    private static final String TRANSACTION_SUCCESS = "TRANSACTION.SUCCESS";
    private static final String REFUND_SUCCESS = "REFUND.SUCCESS";

    @PersistenceContext
    private EntityManager em;

    @Inject
    private NotificationVerifier verifier;

    @Inject
    private MerchantAccountService accounts;

    @Inject
    private MerchantCredentialsCache credentialsCache;

    @Inject
    private CallbackLog callbackLog;

    @Resource
    private SessionContext session;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /** Verifies, applies and logs one delivery; the answer is for WeChat Pay, and final once this returns. */
    public CallbackAnswer handlePaymentCallback(
            @TenantId long tenantId, NotificationHeaders headers, byte[] body, Delivery delivery) {
        transactions.registerInterposedSynchronization(delivery.commit());
        Optional<MerchantCredentials> credentials = credentials(tenantId);
        if (credentials.isEmpty()) {
            return rejected(
                    delivery,
                    verifier.peek(body, headers),
                    CallbackOutcome.UNKNOWN_TENANT.name(),
                    CallbackOutcome.UNKNOWN_TENANT.httpStatus(),
                    "no merchant account for this tenant");
        }
        VerifiedNotification notification;
        try {
            notification = verify(tenantId, body, headers, credentials.get());
        } catch (NotificationRejectedException e) {
            return rejected(
                    delivery, e.claims(), e.reason().name(), e.category().httpStatus(), e.getMessage());
        }
        String insane = VerifiedContent.problem(notification);
        if (insane != null) {
            return answer(
                    delivery, notification, NotificationRejectedException.Reason.MALFORMED_BODY.name(), 400, insane);
        }
        if (notification.transaction().isPresent()) {
            return onTransaction(
                    tenantId,
                    credentials.get(),
                    notification,
                    notification.transaction().get(),
                    delivery);
        }
        if (callbackLog.isSettled(tenantId, notification.id())) {
            return answer(delivery, notification, CallbackOutcome.DUPLICATE, null, null, "already applied");
        }
        return onRefund(
                tenantId, credentials.get(), notification, notification.refund().orElseThrow(), delivery);
    }

    /**
     * Moves the tenant's order toward {@code payState} as the facts allow, under a row lock, and says what
     * happened. PAID needs the transaction id and pay time; REFUNDED counts one distinct refund of {@code
     * facts.refundAmount()} (a partial refund keeps the order paid). Every change is audited.
     */
    public OrderChange updateOrderPaymentStatus(
            @TenantId long tenantId, long orderId, PayState payState, PaymentFacts facts) {
        Order order = em.find(Order.class, orderId);
        if (order == null) {
            throw new IllegalArgumentException("no order " + orderId + " in tenant " + tenantId);
        }
        if (em.getLockMode(order) != LockModeType.PESSIMISTIC_WRITE) {
            em.lock(order, LockModeType.PESSIMISTIC_WRITE);
        }
        var now = DbTime.now();
        Transition transition =
                switch (payState) {
                    case PAID -> order.paymentSucceeded(facts.transactionId(), facts.paidAt(), now);
                    case PAYMENT_FAILED -> order.paymentFailed(now);
                    case CLOSED -> order.paymentClosed(now);
                    case PAYING -> order.paymentStarted(now);
                    case REFUNDED -> order.refundSucceeded(
                            facts.refundAmount() == null ? 0 : facts.refundAmount(), now);
                    case UNPAID -> throw new IllegalArgumentException("an order never goes back to unpaid");
                };
        return new OrderChange(
                order.id(),
                order.orderNo(),
                payState,
                transition,
                facts.notificationId(),
                facts.transactionId(),
                facts.refundAmount(),
                facts.source().name(),
                facts.requestId());
    }

    /**
     * Applies what WeChat Pay answered about the tenant's order ({@code t}; null when WeChat has no such
     * order) under the order's row lock, through {@link #updateOrderPaymentStatus} as a notification would
     * be, after the same checks (mchid, appid, order number, amount, currency): a contradiction is
     * MISMATCH, logged as a warning and not applied. After a close ({@code source} CLOSE) only CLOSED, or
     * WeChat not knowing the order, closes it. An order still awaiting payment gets its next check.
     */
    public QueryResult applyQueried(
            @TenantId long tenantId,
            String orderNo,
            MerchantCredentials credentials,
            Transaction t,
            FactSource source,
            String requestId,
            CheckSchedule schedule) {
        Order order = lockExisting(tenantId, orderNo);
        var now = DbTime.now();
        PayState target;
        if (t == null) {
            target = source == FactSource.CLOSE ? PayState.CLOSED : null;
            if (target == null) {
                order.checked(now, schedule);
                return new QueryResult(
                        QueryOutcome.NOT_FOUND_AT_WECHAT, "WeChat Pay has no order " + orderNo, OrderView.of(order));
            }
        } else {
            String contradiction = notThisMerchant(credentials, t);
            if (contradiction == null && !orderNo.equals(t.outTradeNo())) {
                contradiction = "out_trade_no " + t.outTradeNo() + " is not " + orderNo;
            }
            if (contradiction == null && (t.amount() != null || t.paid())) {
                contradiction = notThisAmount(t, order);
            }
            if (contradiction != null) {
                order.checked(now, schedule);
                String message = contradiction;
                LOG.warning(() -> "tenant " + tenantId + ": order " + orderNo + ": " + source + " answer (Request-ID "
                        + requestId + ") contradicts our records, not applied: " + message);
                return new QueryResult(QueryOutcome.MISMATCH, message, OrderView.of(order));
            }
            target = QueryOutcome.target(t.tradeState());
            if (source == FactSource.CLOSE && target != PayState.CLOSED && target != PayState.PAID) {
                order.checked(now, schedule);
                return new QueryResult(
                        QueryOutcome.NOT_CLOSED,
                        "after the close WeChat Pay says " + t.tradeState() + ": not closed",
                        OrderView.of(order));
            }
            if (target == null) {
                order.checked(now, schedule);
                return new QueryResult(
                        QueryOutcome.UNCHANGED,
                        "trade_state " + t.tradeState() + " changes nothing",
                        OrderView.of(order));
            }
        }
        PaymentFacts facts = target == PayState.PAID
                ? PaymentFacts.asked(source, requestId, t.transactionId(), t.successTime())
                : PaymentFacts.asked(source, requestId, t == null ? null : t.transactionId(), null);
        OrderChange change = self().updateOrderPaymentStatus(tenantId, order.id(), target, facts);
        if (target == PayState.PAID && change.transition().changed()) {
            em.persist(new PaymentRecord(order.id(), t, facts, now));
        }
        order.checked(now, schedule);
        QueryOutcome outcome = QueryOutcome.of(target, change.transition().outcome());
        if (outcome == QueryOutcome.PAID_FLAGGED || outcome == QueryOutcome.CONFLICT_FLAGGED) {
            LOG.warning(() -> "tenant " + tenantId + ": order " + orderNo + ": " + outcome + " from " + source
                    + " (Request-ID " + requestId + "): a person must look");
        }
        return new QueryResult(
                outcome,
                (t == null
                                ? "WeChat Pay has no order " + orderNo + " after the close"
                                : "trade_state " + t.tradeState())
                        + ": " + describe(change),
                OrderView.of(order));
    }

    /**
     * WeChat Pay placed the order and gave {@code prepayId}: kept with the order (handed out again for
     * the same payer while valid), the check schedule starts from now, and an unpaid order becomes paying
     * (payState 1), audited with the prepay's Request-ID. An order that settled meanwhile stays as it is.
     */
    public OrderView prepaid(
            @TenantId long tenantId,
            String orderNo,
            String prepayId,
            String openId,
            String requestId,
            CheckSchedule schedule) {
        Order order = lockExisting(tenantId, orderNo);
        if (order.payState().awaitingPayment()) {
            order.prepaid(prepayId, openId, DbTime.now(), schedule);
            self().updateOrderPaymentStatus(
                            tenantId,
                            order.id(),
                            PayState.PAYING,
                            PaymentFacts.asked(FactSource.PREPAY, requestId, null, null));
        }
        return OrderView.of(order);
    }

    /**
     * Applies what WeChat Pay answered about a refund started here ({@code r}: the answer to the refund
     * request, {@code source} REFUND, or to the refund query, QUERY) under its order's row lock, the lock a
     * REFUND.SUCCESS notification takes too: so a success counts once in the order's refunded sum, whichever
     * comes first (the record's {@code applied} flag), through {@link #updateOrderPaymentStatus}. An answer
     * that contradicts our record (other order, transaction, amounts or WeChat refund id) is logged and not
     * applied. CLOSED and ABNORMAL are recorded (the console's attention queue lists them) and logged.
     */
    public RefundRecord applyRefundAnswer(
            @TenantId long tenantId,
            String outTradeNo,
            String outRefundNo,
            Refund r,
            FactSource source,
            String requestId,
            CheckSchedule schedule) {
        Order order = lockExisting(tenantId, outTradeNo);
        var now = DbTime.now();
        RefundRecord record = findRefund(outRefundNo);
        if (record == null && source == FactSource.BILL) {
            // a refund the bill shows and we never heard of: WeChat's refund query gave its facts
            if (!r.transactionId().equals(order.transactionId()) || !outTradeNo.equals(r.outTradeNo())) {
                LOG.warning(() -> "tenant " + tenantId + ": refund " + outRefundNo + " at WeChat Pay " + r
                        + " is not of order " + outTradeNo + " as we know it: not recorded, a person must look");
                return null;
            }
            record = RefundRecord.learned(order.id(), r, requestId, now);
            em.persist(record);
        } else if (record == null) {
            record = existingRefund(tenantId, outRefundNo);
        }
        if (!outRefundNo.equals(r.outRefundNo())
                || !outTradeNo.equals(r.outTradeNo())
                || r.amount().total() != order.amountTotal()
                || !record.sameRefundAs(r)) {
            record.checked(now, schedule);
            RefundRecord contradicted = record;
            LOG.warning(() -> "tenant " + tenantId + ": refund " + outRefundNo + " of order " + outTradeNo + ": "
                    + source + " answer (Request-ID " + requestId + ") " + r
                    + " contradicts our record, not applied: a person must look");
            return contradicted;
        }
        record.answered(r, requestId, now, schedule);
        if ("SUCCESS".equals(r.refundStatus()) && !record.applied()) {
            OrderChange change = self().updateOrderPaymentStatus(
                            tenantId,
                            order.id(),
                            PayState.REFUNDED,
                            new PaymentFacts(
                                    null,
                                    r.transactionId(),
                                    r.successTime(),
                                    r.amount().refund(),
                                    source,
                                    requestId));
            if (change.transition().outcome() == Transition.Outcome.APPLIED) {
                record.markApplied(now);
            } else {
                LOG.warning(() -> "tenant " + tenantId + ": refund " + outRefundNo + " of order " + outTradeNo
                        + " succeeded at WeChat Pay but is not counted: "
                        + change.transition().outcome()
                        + "; a person must look");
            }
        } else if ("CLOSED".equals(r.refundStatus()) || "ABNORMAL".equals(r.refundStatus())) {
            LOG.warning(() -> "tenant " + tenantId + ": refund " + outRefundNo + " of order " + outTradeNo + " is "
                    + r.refundStatus() + " (Request-ID " + requestId + "): a person must look");
        }
        return record;
    }

    /**
     * A payment the day's trade bill shows and we have not recorded: applied under the order's row lock
     * through {@link #updateOrderPaymentStatus} (source BILL, {@code reference} naming the bill) when the
     * bill's amount is the order's; the payment record keeps the bill's facts. Returns what happened (an
     * order closed here comes back APPLIED_FLAGGED, as a late notification would), or null when the amounts
     * differ (nothing applied).
     */
    public Transition.Outcome applyBillPayment(
            @TenantId long tenantId,
            String orderNo,
            String appId,
            String mchId,
            String transactionId,
            OffsetDateTime paidAt,
            long amount,
            String reference) {
        Order order = lockExisting(tenantId, orderNo);
        if (order.amountTotal() != amount) {
            return null;
        }
        PaymentFacts facts = PaymentFacts.asked(FactSource.BILL, reference, transactionId, paidAt);
        OrderChange change = self().updateOrderPaymentStatus(tenantId, order.id(), PayState.PAID, facts);
        if (change.transition().changed()) {
            var t = new Transaction(
                    appId,
                    mchId,
                    orderNo,
                    transactionId,
                    null,
                    "SUCCESS",
                    null,
                    null,
                    null,
                    paidAt,
                    null,
                    new Transaction.Amount(amount, -1, order.currency(), null));
            em.persist(new PaymentRecord(order.id(), t, facts, DbTime.now()));
        }
        Transition.Outcome outcome = change.transition().outcome();
        if (outcome != Transition.Outcome.APPLIED) {
            LOG.warning(() -> "tenant " + tenantId + ": order " + orderNo + ": the trade bill's payment (transaction "
                    + transactionId + ") gave " + outcome + ": a person must look");
        }
        return outcome;
    }

    /** WeChat Pay refused to start the refund (its error code in {@code why}): it is CLOSED, for a person. */
    public RefundRecord refundRefused(@TenantId long tenantId, String outRefundNo, String requestId, String why) {
        RefundRecord record = existingRefund(tenantId, outRefundNo);
        lockExisting(tenantId, record.outTradeNo());
        record.refused(requestId, DbTime.now());
        LOG.warning(() -> "tenant " + tenantId + ": WeChat Pay refused refund " + outRefundNo + " of order "
                + record.outTradeNo() + " (" + why + "): CLOSED, a person must look");
        return record;
    }

    /** Asking WeChat Pay about the refund failed: it is asked again after {@code delay}; nothing else changes. */
    public RefundRecord refundCheckFailed(@TenantId long tenantId, String outRefundNo, java.time.Duration delay) {
        RefundRecord record = existingRefund(tenantId, outRefundNo);
        record.checkFailed(DbTime.now(), delay);
        return record;
    }

    /** Asked about the refund, nothing learnt (e.g. WeChat does not know it yet): its next scheduled check. */
    public RefundRecord refundChecked(@TenantId long tenantId, String outRefundNo, CheckSchedule schedule) {
        RefundRecord record = existingRefund(tenantId, outRefundNo);
        record.checked(DbTime.now(), schedule);
        return record;
    }

    /** Asking WeChat Pay about the order failed: it is asked again after {@code delay}; nothing else changes. */
    public void checkFailed(@TenantId long tenantId, String orderNo, java.time.Duration delay) {
        Order order = lockOrder(orderNo);
        if (order != null) {
            order.checkFailed(DbTime.now(), delay);
        }
    }

    /** Null when the transaction was paid to this tenant's merchant account; else what differs. */
    private static String notThisMerchant(MerchantCredentials credentials, Transaction t) {
        if (credentials.mchId().equals(t.mchId()) && credentials.appId().equals(t.appId())) {
            return null;
        }
        return "mchid/appid " + t.mchId() + "/" + t.appId() + " is not this tenant's merchant account";
    }

    /** Null when the transaction's amount and currency are the order's; else what differs. */
    private static String notThisAmount(Transaction t, Order order) {
        if (t.amount() != null
                && t.amount().total() == order.amountTotal()
                && order.currency().equals(t.amount().currency())) {
            return null;
        }
        return t.amount() == null
                ? "no amount in a paid transaction"
                : "amount " + t.amount().total() + " " + t.amount().currency() + " is not the order's "
                        + order.amountTotal() + " " + order.currency();
    }

    /** From the cache while fresh; through the merchant account service (which loads and caches) otherwise. */
    private Optional<MerchantCredentials> credentials(long tenantId) {
        Optional<MerchantCredentials> cached = credentialsCache.getIfFresh(tenantId);
        return cached != null ? cached : accounts.credentials(tenantId);
    }

    private VerifiedNotification verify(
            long tenantId, byte[] body, NotificationHeaders headers, MerchantCredentials credentials) {
        try {
            return verifier.verify(body, headers, credentials);
        } catch (NotificationRejectedException e) {
            // a key added on another instance reaches this one now, not when the cache expires
            if (e.reason() == NotificationRejectedException.Reason.UNKNOWN_SERIAL
                    && accounts.reloadCredentials(tenantId)) {
                var reloaded = accounts.credentials(tenantId);
                if (reloaded.isPresent()) {
                    return verifier.verify(body, headers, reloaded.get());
                }
            }
            throw e;
        }
    }

    private CallbackAnswer onTransaction(
            long tenantId, MerchantCredentials credentials, VerifiedNotification n, Transaction t, Delivery delivery) {
        String orderNo = t.outTradeNo();
        String txId = t.transactionId();
        Order order = lockOrder(orderNo);
        // An order still awaiting payment holds no effect of this notification that a repeat could double
        // (a repeated failure or NOTPAY changes nothing, and the settled key logs it as a duplicate), so
        // the usual first delivery skips the settled-id lookup: one round trip fewer on the hot path.
        if (order != null && !order.payState().awaitingPayment() && callbackLog.isSettled(tenantId, n.id())) {
            return answer(delivery, n, CallbackOutcome.DUPLICATE, orderNo, txId, "already applied");
        }
        String notOurs = notThisMerchant(credentials, t);
        if (notOurs != null) {
            return answer(delivery, n, CallbackOutcome.MISMATCH, orderNo, txId, notOurs);
        }
        if (order == null) {
            return orderNotFound(delivery, n, orderNo, txId);
        }
        String otherAmount = notThisAmount(t, order);
        if (otherAmount != null) {
            return answer(delivery, n, CallbackOutcome.MISMATCH, orderNo, txId, otherAmount);
        }
        PayState target =
                switch (t.tradeState()) {
                    case "SUCCESS" -> PayState.PAID;
                    case "PAYERROR" -> PayState.PAYMENT_FAILED;
                    case "CLOSED", "REVOKED" -> PayState.CLOSED;
                    case "NOTPAY", "USERPAYING", "ACCEPT", "REFUND" -> null;
                    default -> PayState.UNPAID; // unknown: refused below
                };
        if (target == PayState.UNPAID || (TRANSACTION_SUCCESS.equals(n.eventType()) != (target == PayState.PAID))) {
            return answer(
                    delivery,
                    n,
                    CallbackOutcome.MISMATCH,
                    orderNo,
                    txId,
                    "event " + n.eventType() + " with trade_state " + t.tradeState() + " is not understood");
        }
        if (target == null) {
            return answer(
                    delivery,
                    n,
                    CallbackOutcome.IGNORED,
                    orderNo,
                    txId,
                    "trade_state " + t.tradeState() + " changes nothing");
        }
        OrderChange change = self().updateOrderPaymentStatus(
                        tenantId, order.id(), target, new PaymentFacts(n.id(), txId, t.successTime(), null));
        Transition.Outcome outcome = change.transition().outcome();
        if (target == PayState.PAID && change.transition().changed()) {
            em.persist(new PaymentRecord(order.id(), t, n.id(), DbTime.now()));
        }
        return switch (outcome) {
            case APPLIED -> answer(delivery, n, CallbackOutcome.APPLIED, orderNo, txId, describe(change));
            case APPLIED_FLAGGED -> answer(
                    delivery,
                    n,
                    CallbackOutcome.APPLIED_FLAGGED,
                    orderNo,
                    txId,
                    "paid after the order was closed: the customer's money is real, a person must settle it");
            case DUPLICATE -> answer(
                    delivery, n, CallbackOutcome.DUPLICATE, orderNo, txId, "order already " + order.payState());
            case STALE -> answer(
                    delivery, n, CallbackOutcome.STALE, orderNo, txId, "order already " + order.payState());
            case CONFLICT_FLAGGED -> answer(
                    delivery,
                    n,
                    CallbackOutcome.CONFLICT_FLAGGED,
                    orderNo,
                    txId,
                    "order already paid by transaction " + order.transactionId()
                            + "; this other payment needs a person");
            case NOT_PAID_YET, EXCEEDS_TOTAL -> throw new IllegalStateException("a payment fact gave " + outcome);
        };
    }

    private CallbackAnswer onRefund(
            long tenantId, MerchantCredentials credentials, VerifiedNotification n, Refund r, Delivery delivery) {
        String orderNo = r.outTradeNo();
        String txId = r.transactionId();
        if (!credentials.mchId().equals(r.mchId())) {
            return answer(
                    delivery,
                    n,
                    CallbackOutcome.MISMATCH,
                    orderNo,
                    txId,
                    "mchid " + r.mchId() + " is not this tenant's merchant account");
        }
        boolean success = REFUND_SUCCESS.equals(n.eventType());
        if (success != "SUCCESS".equals(r.refundStatus())) {
            return answer(
                    delivery,
                    n,
                    CallbackOutcome.MISMATCH,
                    orderNo,
                    txId,
                    "event " + n.eventType() + " with refund_status " + r.refundStatus() + " is not understood");
        }
        Order order = lockOrder(orderNo);
        if (order == null) {
            return orderNotFound(delivery, n, orderNo, txId);
        }
        if (r.amount().total() != order.amountTotal()
                || r.amount().refund() <= 0
                || (order.transactionId() != null && !order.transactionId().equals(txId))) {
            return answer(
                    delivery,
                    n,
                    CallbackOutcome.MISMATCH,
                    orderNo,
                    txId,
                    "refund of " + r.amount().refund()
                            + " from " + r.amount().total() + " (transaction " + txId + ") does not match the order's "
                            + order.amountTotal() + " (transaction " + order.transactionId() + ")");
        }
        var now = DbTime.now();
        RefundRecord record = findRefund(r.outRefundNo());
        if (record != null && !record.sameRefundAs(r)) {
            return answer(
                    delivery,
                    n,
                    CallbackOutcome.MISMATCH,
                    orderNo,
                    txId,
                    "refund " + r.outRefundNo() + " is already recorded with other ids or amounts");
        }
        if (record != null && record.applied()) {
            return answer(
                    delivery,
                    n,
                    CallbackOutcome.DUPLICATE,
                    orderNo,
                    txId,
                    "refund " + r.outRefundNo() + " already counted");
        }
        if (record == null) {
            record = new RefundRecord(order.id(), r, n.id(), now);
            em.persist(record);
        } else {
            record.update(r, n.id(), now);
        }
        if (!success) {
            return answer(
                    delivery,
                    n,
                    CallbackOutcome.RECORDED,
                    orderNo,
                    txId,
                    "refund " + r.outRefundNo() + " is " + r.refundStatus());
        }
        OrderChange change = self().updateOrderPaymentStatus(
                        tenantId,
                        order.id(),
                        PayState.REFUNDED,
                        new PaymentFacts(
                                n.id(), txId, r.successTime(), r.amount().refund()));
        return switch (change.transition().outcome()) {
            case APPLIED -> {
                record.markApplied(now);
                yield answer(
                        delivery,
                        n,
                        CallbackOutcome.APPLIED,
                        orderNo,
                        txId,
                        describe(change) + ", refunded " + order.refundedAmount() + " of " + order.amountTotal());
            }
            case NOT_PAID_YET -> answer(
                    delivery,
                    n,
                    CallbackOutcome.NOT_PAID_YET,
                    orderNo,
                    txId,
                    "refund recorded; order " + orderNo + " is not paid yet, retry after its payment");
            case EXCEEDS_TOTAL -> answer(
                    delivery,
                    n,
                    CallbackOutcome.MISMATCH,
                    orderNo,
                    txId,
                    "refund of " + r.amount().refund() + " would take the refunded sum past " + order.amountTotal());
            default -> throw new IllegalStateException(
                    "a refund gave " + change.transition().outcome());
        };
    }

    private Order lockOrder(String orderNo) {
        return em.createNamedQuery(Order.LOCK_BY_NUMBER, Order.class)
                .setParameter("orderNo", orderNo)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    /** An order the caller read a moment ago (orders are never deleted), locked. */
    private Order lockExisting(long tenantId, String orderNo) {
        Order order = lockOrder(orderNo);
        if (order == null) {
            throw new IllegalStateException("order " + orderNo + " of tenant " + tenantId + " is gone");
        }
        return order;
    }

    private RefundRecord findRefund(String outRefundNo) {
        return em.createQuery("SELECT r FROM RefundRecord r WHERE r.outRefundNo = :no", RefundRecord.class)
                .setParameter("no", outRefundNo)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    private RefundRecord existingRefund(long tenantId, String outRefundNo) {
        RefundRecord record = findRefund(outRefundNo);
        if (record == null) {
            throw new IllegalStateException("refund " + outRefundNo + " of tenant " + tenantId + " is gone");
        }
        return record;
    }

    /** Through the container, so the tenant and audit interceptors wrap the call. */
    private PaymentService self() {
        return session.getBusinessObject(PaymentService.class);
    }

    private static String describe(OrderChange change) {
        Transition t = change.transition();
        return "pay state " + t.from().code() + " -> " + t.to().code();
    }

    /** Verified, but no such order in this tenant (yet): WeChat retries, so an order created later is paid. */
    private CallbackAnswer orderNotFound(Delivery delivery, VerifiedNotification n, String orderNo, String txId) {
        return answer(
                delivery, n, CallbackOutcome.ORDER_NOT_FOUND, orderNo, txId, "no order " + orderNo + " in this tenant");
    }

    /** A verified notification's answer, logged in this transaction with the verified ids. */
    private CallbackAnswer answer(
            Delivery delivery,
            VerifiedNotification n,
            CallbackOutcome outcome,
            String outTradeNo,
            String transactionId,
            String message) {
        String logged = callbackLog.record(new CallbackLogRow(
                delivery,
                n.id(),
                n.eventType(),
                true,
                outcome.name(),
                outcome.httpStatus(),
                outcome.settles(),
                outTradeNo,
                transactionId,
                message));
        return new CallbackAnswer(logged, outcome.httpStatus(), message);
    }

    /** A verified notification whose content we refuse before touching any record. */
    private CallbackAnswer answer(
            Delivery delivery, VerifiedNotification n, String outcome, int status, String message) {
        callbackLog.record(new CallbackLogRow(
                delivery,
                CallbackLog.clean(n.id(), 64),
                CallbackLog.clean(n.eventType(), 64),
                true,
                outcome,
                status,
                false,
                null,
                null,
                message));
        return new CallbackAnswer(outcome, status, message);
    }

    /**
     * An unverified delivery's answer, logged in this transaction, which holds nothing else and commits. A
     * transaction of its own here would hold a second connection per unauthenticated request: a flood of
     * forgeries could then drain the pool. (Deliveries whose transaction rolls back are logged by the
     * endpoint, in a transaction of their own.)
     */
    private CallbackAnswer rejected(
            Delivery delivery, UnverifiedClaims claims, String outcome, int status, String message) {
        callbackLog.record(CallbackLogRow.unverified(delivery, claims, outcome, status, message));
        return new CallbackAnswer(outcome, status, message);
    }
}
