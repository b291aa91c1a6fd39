package com.minishop.payment;

import com.minishop.order.Order;
import com.minishop.payment.wechat.Refund;
import com.minishop.payment.wechat.Transaction;
import com.minishop.payment.wechat.VerifiedNotification;
import java.util.regex.Pattern;

/**
 * The shape WeChat Pay's identifiers and short fields always have, checked on verified content before it
 * reaches a query or a column. A signature proves who sent a notification, not that every field fits our
 * schema: a NUL byte or an over-long id must give a clear 400, not a database error.
 */
final class VerifiedContent {

    private static final Pattern ID = Pattern.compile("[\\x21-\\x7E]{1,64}");
    private static final Pattern DIGITS_32 = Pattern.compile("[0-9]{1,32}");
    private static final Pattern TOKEN_32 = Pattern.compile("[0-9A-Za-z_\\-]{1,32}");
    private static final Pattern REFUND_NO = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,64}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private VerifiedContent() {}

    /** What is wrong with the notification's fields, or null when nothing is. */
    static String problem(VerifiedNotification n) {
        if (!ID.matcher(n.id()).matches()) {
            return "id is not 1-64 printable ASCII characters";
        }
        if (n.eventType().length() > 64) {
            return "event_type is too long";
        }
        if (n.transaction().isPresent()) {
            Transaction t = n.transaction().get();
            return first(
                    check("mchid", t.mchId(), DIGITS_32, false),
                    check("appid", t.appId(), TOKEN_32, false),
                    check("out_trade_no", t.outTradeNo(), Order.ORDER_NO, false),
                    check("transaction_id", t.transactionId(), TOKEN_32, false),
                    check("trade_state", t.tradeState(), TOKEN_32, false),
                    check("trade_type", t.tradeType(), TOKEN_32, true),
                    check("bank_type", t.bankType(), TOKEN_32, true),
                    check("amount.currency", t.amount().currency(), CURRENCY, false),
                    check("amount.payer_currency", t.amount().payerCurrency(), CURRENCY, true),
                    length("attach", t.attach(), 128),
                    length("payer.openid", t.payer() == null ? null : t.payer().openId(), 128));
        }
        Refund r = n.refund().orElseThrow();
        return first(
                check("mchid", r.mchId(), DIGITS_32, false),
                check("out_trade_no", r.outTradeNo(), Order.ORDER_NO, false),
                check("transaction_id", r.transactionId(), TOKEN_32, false),
                check("out_refund_no", r.outRefundNo(), REFUND_NO, false),
                check("refund_id", r.refundId(), TOKEN_32, false),
                check("refund_status", r.refundStatus(), TOKEN_32, false),
                length("user_received_account", r.userReceivedAccount(), 64));
    }

    private static String check(String field, String value, Pattern pattern, boolean optional) {
        if (value == null || value.isEmpty()) {
            return optional ? null : field + " is missing";
        }
        return pattern.matcher(value).matches() ? null : field + " is not what WeChat Pay sends";
    }

    private static String length(String field, String value, int max) {
        return value == null || (value.length() <= max && value.indexOf('\0') < 0)
                ? null
                : field + " is too long or holds NUL";
    }

    private static String first(String... problems) {
        for (String problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
