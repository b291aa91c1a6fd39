package com.minishop.payment.wechat;

/**
 * What a delivery says about itself, read without trusting it, for the callback log: the {@code
 * Wechatpay-Serial} and {@code Wechatpay-Timestamp} headers and the envelope's {@code id} and
 * {@code event_type}. Any of them may be null. Values are cut to 64 characters and anything but
 * printable ASCII becomes {@code ?}, so they cannot forge log lines.
 */
public record UnverifiedClaims(String serial, String timestamp, String id, String eventType) {

    static final UnverifiedClaims NONE = new UnverifiedClaims(null, null, null, null);
    private static final int MAX_LENGTH = 64;

    public UnverifiedClaims {
        serial = clean(serial);
        timestamp = clean(timestamp);
        id = clean(id);
        eventType = clean(eventType);
    }

    static String clean(String value) {
        if (value == null) {
            return null;
        }
        int length = Math.min(value.length(), MAX_LENGTH);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
