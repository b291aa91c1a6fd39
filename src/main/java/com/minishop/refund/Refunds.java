package com.minishop.refund;

import com.minishop.order.CheckScheduleConfig;
import com.minishop.order.Order;
import com.minishop.payment.FactSource;
import com.minishop.payment.PaymentService;
import com.minishop.payment.RefundRecord;
import com.minishop.payment.wechat.MerchantCredentials;
import com.minishop.web.NotFoundException;
import com.minishop.wechatpay.WechatPayAccess;
import com.minishop.wechatpay.WechatPayClient;
import com.minishop.wechatpay.WechatPayException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Starting a refund and finding out what became of it. Each step is its own transaction or none: record
 * (under the order's row lock), call WeChat Pay (no transaction open), apply the answer through {@link
 * PaymentService}.
 */
@ApplicationScoped
public class Refunds {

    private static final Logger LOG = Logger.getLogger(Refunds.class.getName());

    @Inject
    RefundLedger ledger;

    @Inject
    PaymentService payments;

    @Inject
    WechatPayAccess access;

    @Inject
    WechatPayClient wechat;

    @Inject
    CheckScheduleConfig schedule;

    /** The refund and whether this request started it (201) or found it already recorded (200). */
    public record Started(RefundView refund, boolean created) {}

    /**
     * Records the refund, then asks WeChat Pay for it. WeChat's answer gives the status; no usable answer
     * leaves it UNKNOWN for the sweep to find out; a refusal closes it (502 with WeChat's error code).
     */
    public Started start(long tenantId, String orderNo, String body) {
        RefundRequest request = RefundRequest.parse(body);
        if (orderNo == null || !Order.ORDER_NO.matcher(orderNo).matches()) {
            throw new NotFoundException("no order " + orderNo + " in tenant " + tenantId);
        }
        MerchantCredentials credentials = access.apiCredentials(tenantId);
        String notifyUrl = access.notifyUrl(tenantId);
        var recorded = ledger.record(tenantId, orderNo, request);
        if (!recorded.created()) {
            return new Started(RefundView.of(recorded.refund()), false);
        }
        return new Started(
                RefundView.of(ask(tenantId, credentials, notifyUrl, recorded, WechatPayAccess.API, true)), true);
    }

    public List<RefundView> list(long tenantId, String orderNo) {
        if (orderNo == null || !Order.ORDER_NO.matcher(orderNo).matches()) {
            throw new NotFoundException("no order " + orderNo + " in tenant " + tenantId);
        }
        return ledger.list(tenantId, orderNo).stream().map(RefundView::of).toList();
    }

    /**
     * The sweep's check of a refund in PROCESSING or UNKNOWN: query it at WeChat and apply the answer. A
     * refund WeChat never heard of while ours is UNKNOWN (a crash or a lost request between recording and
     * asking) is asked for now, with the same number. A failed call: asked again after {@code retry}.
     */
    public void check(long tenantId, String outRefundNo, Duration retry) {
        var recorded = ledger.find(tenantId, outRefundNo).orElse(null);
        if (recorded == null || recorded.refund().settled()) {
            return;
        }
        RefundRecord refund = recorded.refund();
        MerchantCredentials credentials = access.apiCredentials(tenantId);
        var call = new WechatPayClient.Call(tenantId, credentials, WechatPayAccess.SWEEP, refund.outTradeNo());
        try {
            var answer = wechat.queryRefund(call, outRefundNo);
            if (answer.refund() != null) {
                payments.applyRefundAnswer(
                        tenantId,
                        refund.outTradeNo(),
                        outRefundNo,
                        answer.refund(),
                        FactSource.QUERY,
                        answer.requestId(),
                        schedule.get());
            } else if (RefundRecord.UNKNOWN.equals(refund.refundStatus())) {
                LOG.info(() -> "tenant " + tenantId + ": WeChat Pay has no refund " + outRefundNo
                        + " that we recorded: asking for it now");
                RefundRecord after =
                        ask(tenantId, credentials, access.notifyUrl(tenantId), recorded, WechatPayAccess.SWEEP, false);
                if (RefundRecord.UNKNOWN.equals(after.refundStatus())) {
                    payments.refundCheckFailed(tenantId, outRefundNo, retry);
                }
            } else {
                LOG.warning(() -> "tenant " + tenantId + ": WeChat Pay has no refund " + outRefundNo + " although it"
                        + " answered " + refund.refundStatus() + " before; asked again later");
                payments.refundChecked(tenantId, outRefundNo, schedule.get());
            }
        } catch (WechatPayException e) {
            payments.refundCheckFailed(tenantId, outRefundNo, retry);
            throw e;
        }
    }

    /**
     * Asks WeChat Pay for the recorded refund and applies the answer. A refusal closes the refund and is
     * rethrown when {@code rethrowRefusal}; a missing or unusable answer leaves it as it is (its check is due
     * on the schedule).
     */
    private RefundRecord ask(
            long tenantId,
            MerchantCredentials credentials,
            String notifyUrl,
            RefundLedger.Recorded recorded,
            String trigger,
            boolean rethrowRefusal) {
        RefundRecord refund = recorded.refund();
        var call = new WechatPayClient.Call(tenantId, credentials, trigger, refund.outTradeNo());
        try {
            var answer = wechat.refund(
                    call,
                    refund.outRefundNo(),
                    refund.reason(),
                    notifyUrl,
                    refund.amountRefund(),
                    refund.amountTotal(),
                    recorded.currency());
            return payments.applyRefundAnswer(
                    tenantId,
                    refund.outTradeNo(),
                    refund.outRefundNo(),
                    answer.refund(),
                    FactSource.REFUND,
                    answer.requestId(),
                    schedule.get());
        } catch (WechatPayException e) {
            if (!WechatPayException.REJECTED.equals(e.code())) {
                return refund; // no usable answer: UNKNOWN, asked about on the schedule
            }
            RefundRecord closed = payments.refundRefused(tenantId, refund.outRefundNo(), e.requestId(), e.getMessage());
            if (rethrowRefusal) {
                throw e;
            }
            return closed;
        }
    }
}
