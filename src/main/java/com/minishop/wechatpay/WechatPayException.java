package com.minishop.wechatpay;

/**
 * A call to WeChat Pay that gave no usable answer; nothing was changed because of it. {@link #code()} is
 * the API's error code ({@code WECHATPAY_UNAVAILABLE}: unreachable, timed out, 429 or 5xx, worth backing
 * off; {@code WECHATPAY_BAD_RESPONSE}: an answer whose signature, serial or timestamp does not verify, or
 * that cannot be read; {@code WECHATPAY_REJECTED}: WeChat refused the request, see its error code). The
 * message is safe to return and log.
 */
public class WechatPayException extends RuntimeException {

    public static final String UNAVAILABLE = "WECHATPAY_UNAVAILABLE";
    public static final String BAD_RESPONSE = "WECHATPAY_BAD_RESPONSE";
    public static final String REJECTED = "WECHATPAY_REJECTED";

    private final String code;
    private final String requestId;

    public WechatPayException(String code, String message, String requestId) {
        super(message, null, false, false);
        this.code = code;
        this.requestId = requestId;
    }

    public String code() {
        return code;
    }

    /** WeChat's {@code Request-ID} of the failed call, when it answered at all. */
    public String requestId() {
        return requestId;
    }

    /** Unreachable, throttled or failing: the tenant's calls should slow down. */
    public boolean backOff() {
        return UNAVAILABLE.equals(code);
    }
}
