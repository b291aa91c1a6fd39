package com.minishop.wechatpay;

import com.minishop.payment.wechat.MerchantCredentials;
import com.minishop.tenant.MerchantAccountService;
import com.minishop.tenant.MerchantCredentialsCache;
import com.minishop.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every caller of WeChat Pay needs before its first call, whatever it asks about (orders, refunds,
 * bills): the tenant's credentials when it has API access, and the notify URL WeChat is to send to; and
 * the names of who triggered a call, as the call log keeps them. Here rather than with one of those
 * callers so that none of them depends on another for it.
 */
@ApplicationScoped
public class WechatPayAccess {

    /** Triggers of a call: the API (an admin or a tenant's key), the sweep, the daily run. */
    public static final String API = "API";

    public static final String SWEEP = "SWEEP";
    public static final String SCHEDULE = "SCHEDULE";

    @Inject
    MerchantAccountService accounts;

    @Inject
    MerchantCredentialsCache credentialsCache;

    @Inject
    @ConfigProperty(name = "PAYMENT_PUBLIC_URL")
    Optional<String> publicUrl;

    /** The tenant's notify URL for WeChat Pay, from {@code PAYMENT_PUBLIC_URL}; 503 NOT_CONFIGURED without it. */
    public String notifyUrl(long tenantId) {
        String base = publicUrl
                .filter(url -> !url.isBlank())
                .orElseThrow(() -> new ApiException(
                        503,
                        "NOT_CONFIGURED",
                        "PAYMENT_PUBLIC_URL is not set: no notify URL to give WeChat Pay",
                        null));
        return notifyUrl(base, tenantId);
    }

    /** The tenant's credentials when it may call WeChat Pay, else 409 NO_API_ACCESS. */
    public MerchantCredentials apiCredentials(long tenantId) {
        Optional<MerchantCredentials> cached = credentialsCache.getIfFresh(tenantId);
        Optional<MerchantCredentials> credentials = cached != null ? cached : accounts.credentials(tenantId);
        return credentials
                .filter(c -> c.apiKey().isPresent())
                .orElseThrow(() -> new ApiException(
                        409,
                        "NO_API_ACCESS",
                        "tenant " + tenantId + " has no merchant API credentials (merchantCertificateSerial,"
                                + " merchantPrivateKeyPem): notifications only",
                        "tenantId"));
    }

    static String notifyUrl(String base, long tenantId) {
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return trimmed + "/api/v1/payments/wechat/notify/" + tenantId;
    }
}
