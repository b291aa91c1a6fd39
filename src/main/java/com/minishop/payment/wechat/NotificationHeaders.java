package com.minishop.payment.wechat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code Wechatpay-*} headers of one delivery, as received. Building it never fails: whether
 * the headers are present and well formed is the verifier's first check after the body size, so a
 * header given twice is remembered here and rejected there.
 *
 * <p>From a JAX-RS resource: {@code NotificationHeaders.from(httpHeaders::getRequestHeader)}.
 */
public final class NotificationHeaders {

    public static final String TIMESTAMP = "Wechatpay-Timestamp";
    public static final String NONCE = "Wechatpay-Nonce";
    public static final String SIGNATURE = "Wechatpay-Signature";
    public static final String SERIAL = "Wechatpay-Serial";
    public static final String SIGNATURE_TYPE = "Wechatpay-Signature-Type";

    static final List<String> NAMES = List.of(TIMESTAMP, NONCE, SIGNATURE, SERIAL, SIGNATURE_TYPE);

    private final String timestamp;
    private final String nonce;
    private final String signature;
    private final String serial;
    private final String signatureType;
    private final String repeated;

    private NotificationHeaders(String[] values, String repeated) {
        this.timestamp = values[0];
        this.nonce = values[1];
        this.signature = values[2];
        this.serial = values[3];
        this.signatureType = values[4];
        this.repeated = repeated;
    }

    /** Single values; null means absent. */
    public static NotificationHeaders of(
            String timestamp, String nonce, String signature, String serial, String signatureType) {
        return new NotificationHeaders(new String[] {timestamp, nonce, signature, serial, signatureType}, null);
    }

    /**
     * From a case-insensitive lookup that returns every value of a header (null or empty when
     * absent), such as JAX-RS {@code HttpHeaders::getRequestHeader}.
     */
    public static NotificationHeaders from(Function<String, ? extends List<String>> lookup) {
        Objects.requireNonNull(lookup, "lookup");
        String[] values = new String[NAMES.size()];
        String repeated = null;
        for (int i = 0; i < values.length; i++) {
            List<String> all = lookup.apply(NAMES.get(i));
            if (all == null || all.isEmpty()) {
                continue;
            }
            if (all.size() > 1) {
                repeated = repeated == null ? NAMES.get(i) : repeated;
                continue;
            }
            values[i] = all.get(0);
        }
        return new NotificationHeaders(values, repeated);
    }

    /**
     * From a map whose keys may be in any case; the same name under two spellings counts as given
     * twice.
     */
    public static NotificationHeaders fromMap(Map<String, ? extends List<String>> headers) {
        Objects.requireNonNull(headers, "headers");
        return from(name -> {
            List<String> all = new ArrayList<>();
            headers.forEach((key, values) -> {
                if (key != null && key.equalsIgnoreCase(name) && values != null) {
                    all.addAll(values);
                }
            });
            return all;
        });
    }

    /** Null when absent or given more than once; likewise for the other accessors. */
    public String timestamp() {
        return timestamp;
    }

    public String nonce() {
        return nonce;
    }

    public String signature() {
        return signature;
    }

    public String serial() {
        return serial;
    }

    public String signatureType() {
        return signatureType;
    }

    /** The first header that was given more than once, or null. */
    public String repeatedHeader() {
        return repeated;
    }

    @Override
    public String toString() {
        return "NotificationHeaders[timestamp="
                + timestamp
                + ", nonce="
                + nonce
                + ", serial="
                + serial
                + ", signatureType="
                + signatureType
                + (repeated == null ? "" : ", repeated=" + repeated)
                + "]";
    }
}
