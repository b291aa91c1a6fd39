package com.minishop.tenant;

import com.minishop.payment.wechat.MerchantApiKey;
import com.minishop.payment.wechat.PlatformKey;
import com.minishop.web.InvalidInputException;
import jakarta.json.bind.annotation.JsonbCreator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The body of {@code PUT /api/v1/admin/tenants/{tenantId}/wechatpay}. {@link #validate()} checks every
 * field and parses every key before anything is stored; the first bad field is named in the 400.
 */
public record MerchantAccountRequest(
        String appId,
        String mchId,
        String apiV3Key,
        List<PlatformKeyInput> platformKeys,
        String merchantCertificateSerial,
        String merchantPrivateKeyPem) {

    /** JSON-B reads bodies through this, the canonical constructor; absent fields are null. */
    @JsonbCreator
    public MerchantAccountRequest {}

    /** An account for notifications only: no API credentials. */
    public MerchantAccountRequest(String appId, String mchId, String apiV3Key, List<PlatformKeyInput> platformKeys) {
        this(appId, mchId, apiV3Key, platformKeys, null, null);
    }

    static final int MAX_KEYS = 10;
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9_]{1,32}");
    private static final Pattern MCH_ID = Pattern.compile("[0-9]{1,32}");
    private static final Pattern API_V3_KEY = Pattern.compile("[\\x21-\\x7E]{32}");

    /** One platform key: a serial with exactly one of a public key or a certificate. */
    public record PlatformKeyInput(String serial, String publicKeyPem, String certificatePem) {}

    public List<MerchantAccount.NewKey> validate() {
        require("appId", appId, APP_ID, "appId must be 1-32 letters, digits or underscores");
        require("mchId", mchId, MCH_ID, "mchId must be 1-32 digits");
        require("apiV3Key", apiV3Key, API_V3_KEY, "apiV3Key must be exactly 32 printable ASCII characters");
        if (platformKeys == null || platformKeys.isEmpty()) {
            throw new InvalidInputException("platformKeys", "platformKeys must name at least one key");
        }
        if (platformKeys.size() > MAX_KEYS) {
            throw new InvalidInputException("platformKeys", "platformKeys may name at most " + MAX_KEYS + " keys");
        }
        var keys = new ArrayList<MerchantAccount.NewKey>();
        var serials = new HashSet<String>();
        for (int i = 0; i < platformKeys.size(); i++) {
            keys.add(parse(platformKeys.get(i), "platformKeys[" + i + "]"));
            if (!serials.add(keys.get(i).parsed().serial())) {
                throw new InvalidInputException("platformKeys[" + i + "].serial", "serial appears twice");
            }
        }
        return keys;
    }

    /**
     * The merchant's API key when both of its fields are given, empty when neither is; a 400 naming the
     * missing or invalid field otherwise. Call after {@link #validate()}.
     */
    public Optional<MerchantApiKey> apiKey() {
        if (merchantCertificateSerial == null && merchantPrivateKeyPem == null) {
            return Optional.empty();
        }
        if (merchantCertificateSerial == null) {
            throw new InvalidInputException(
                    "merchantCertificateSerial", "merchantCertificateSerial is required with merchantPrivateKeyPem");
        }
        if (merchantPrivateKeyPem == null) {
            throw new InvalidInputException(
                    "merchantPrivateKeyPem", "merchantPrivateKeyPem is required with merchantCertificateSerial");
        }
        String serial;
        try {
            serial = MerchantApiKey.requireSerial(merchantCertificateSerial);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("merchantCertificateSerial", e.getMessage());
        }
        try {
            return Optional.of(MerchantApiKey.fromPem(serial, merchantPrivateKeyPem));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("merchantPrivateKeyPem", e.getMessage());
        }
    }

    private static MerchantAccount.NewKey parse(PlatformKeyInput input, String field) {
        if (input == null) {
            throw new InvalidInputException(field, field + " is empty");
        }
        if (input.serial() == null || input.serial().isBlank()) {
            throw new InvalidInputException(field + ".serial", "serial is required");
        }
        boolean hasPublicKey = input.publicKeyPem() != null;
        boolean hasCertificate = input.certificatePem() != null;
        if (hasPublicKey == hasCertificate) {
            throw new InvalidInputException(field, "give exactly one of publicKeyPem and certificatePem");
        }
        String pemField = field + (hasPublicKey ? ".publicKeyPem" : ".certificatePem");
        try {
            return hasPublicKey
                    ? new MerchantAccount.NewKey(
                            PlatformKeyType.PUBLIC_KEY,
                            input.publicKeyPem(),
                            PlatformKey.fromPublicKeyPem(input.serial(), input.publicKeyPem()))
                    : new MerchantAccount.NewKey(
                            PlatformKeyType.CERTIFICATE,
                            input.certificatePem(),
                            PlatformKey.fromCertificatePem(input.serial(), input.certificatePem()));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "key is not valid" : e.getMessage();
            boolean aboutSerial = message.toLowerCase().contains("serial");
            throw new InvalidInputException(aboutSerial ? field + ".serial" : pemField, message);
        }
    }

    private static void require(String field, String value, Pattern pattern, String message) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new InvalidInputException(field, message);
        }
    }

    /** Never prints the APIv3 key or the private key. */
    @Override
    public String toString() {
        return "MerchantAccountRequest[appId=" + appId + ", mchId=" + mchId + ", apiV3Key=***, platformKeys="
                + (platformKeys == null ? 0 : platformKeys.size()) + ", merchantCertificateSerial="
                + merchantCertificateSerial + ", merchantPrivateKeyPem="
                + (merchantPrivateKeyPem == null ? "none" : "***")
                + "]";
    }
}
