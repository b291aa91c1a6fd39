package com.minishop.payment.wechat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.crypto.spec.SecretKeySpec;

/**
 * One tenant's merchant account as far as notifications go: its ids, its APIv3 key (32 bytes, the
 * UTF-8 bytes of the 32-character key) and the platform keys WeChat Pay may sign with, several at
 * once during rotation or the certificate-to-public-key migration. Immutable; the AES key is
 * prepared once. A final class rather than a record because it holds that derived key and a serial
 * index, and so that {@link #toString()} and equality never touch the secret.
 */
public final class MerchantCredentials {

    public static final int API_V3_KEY_BYTES = 32;

    private final String appId;
    private final String mchId;
    private final byte[] apiV3Key;
    private final List<PlatformKey> platformKeys;
    private final SecretKeySpec aesKey;
    private final Map<String, PlatformKey> keysBySerial;
    private final MerchantApiKey apiKey;

    public MerchantCredentials(String appId, String mchId, byte[] apiV3Key, List<PlatformKey> platformKeys) {
        this(appId, mchId, apiV3Key, platformKeys, null);
    }

    /** With the merchant's API key when it has one (null: notifications only, no calls to WeChat Pay). */
    public MerchantCredentials(
            String appId, String mchId, byte[] apiV3Key, List<PlatformKey> platformKeys, MerchantApiKey apiKey) {
        this.apiKey = apiKey;
        this.appId = requireText(appId, "appId");
        this.mchId = requireText(mchId, "mchId");
        Objects.requireNonNull(apiV3Key, "apiV3Key");
        if (apiV3Key.length != API_V3_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "APIv3 key must be exactly " + API_V3_KEY_BYTES + " bytes, got " + apiV3Key.length);
        }
        this.apiV3Key = apiV3Key.clone();
        this.platformKeys = List.copyOf(Objects.requireNonNull(platformKeys, "platformKeys"));
        if (this.platformKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one platform key is required for merchant " + mchId);
        }
        Map<String, PlatformKey> bySerial = new HashMap<>();
        for (PlatformKey key : this.platformKeys) {
            if (bySerial.put(PlatformKey.canonicalSerial(key.serial()), key) != null) {
                throw new IllegalArgumentException("platform key serial " + key.serial() + " appears twice");
            }
        }
        this.keysBySerial = Map.copyOf(bySerial);
        this.aesKey = new SecretKeySpec(this.apiV3Key, "AES");
    }

    /** The APIv3 key as the merchant platform shows it: 32 characters, taken as UTF-8 bytes. */
    public static MerchantCredentials of(String appId, String mchId, String apiV3Key, List<PlatformKey> platformKeys) {
        Objects.requireNonNull(apiV3Key, "apiV3Key");
        return new MerchantCredentials(appId, mchId, apiV3Key.getBytes(StandardCharsets.UTF_8), platformKeys);
    }

    public String appId() {
        return appId;
    }

    public String mchId() {
        return mchId;
    }

    /** A copy, so the stored key cannot be changed from outside. */
    public byte[] apiV3Key() {
        return apiV3Key.clone();
    }

    public List<PlatformKey> platformKeys() {
        return platformKeys;
    }

    /**
     * The key a {@code Wechatpay-Serial} names. Certificate serials match in any case and with
     * leading zeros; public key ids match exactly.
     */
    public Optional<PlatformKey> platformKey(String serial) {
        return serial == null
                ? Optional.empty()
                : Optional.ofNullable(keysBySerial.get(PlatformKey.canonicalSerial(serial)));
    }

    /** The same credentials with this API key (null: none). */
    public MerchantCredentials withApiKey(MerchantApiKey key) {
        return new MerchantCredentials(appId, mchId, apiV3Key, platformKeys, key);
    }

    /** The merchant's API signing key: present when the tenant may call WeChat Pay. */
    public Optional<MerchantApiKey> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    SecretKeySpec aesKey() {
        return aesKey;
    }

    @Override
    public String toString() {
        return "MerchantCredentials[appId="
                + appId
                + ", mchId="
                + mchId
                + ", apiV3Key=(hidden), platformKeys="
                + platformKeys.stream().map(PlatformKey::serial).collect(Collectors.joining(", ", "[", "]"))
                + (apiKey == null ? ", no API key" : ", API key " + apiKey.serial())
                + "]";
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
