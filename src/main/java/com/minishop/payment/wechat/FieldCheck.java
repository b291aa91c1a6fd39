package com.minishop.payment.wechat;

import com.minishop.payment.wechat.NotificationRejectedException.Reason;

/** Required-field checks after parsing; the message names the field, never its value. */
final class FieldCheck {

    private final String where;

    FieldCheck(String where) {
        this.where = where;
    }

    String text(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw missing(field);
        }
        return value;
    }

    <T> T present(T value, String field) {
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    Rejection missing(String field) {
        return new Rejection(Reason.MISSING_FIELD, "missing field " + field + " in " + where);
    }

    Rejection malformed(String field, String expected) {
        return new Rejection(Reason.MALFORMED_BODY, "field " + field + " in " + where + " is not " + expected);
    }
}
