package com.minishop.tenant;

import com.minishop.payment.wechat.PlatformKey;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A tenant's WeChat Pay merchant account: which app and merchant its payments go to, the APIv3 key
 * (encrypted, see {@link KeyEncryption}), the platform keys that may sign its notifications and WeChat's
 * responses, and optionally the merchant API key (certificate serial and encrypted private key) that lets
 * the service call WeChat Pay. One per tenant; replaced whole by the admin API.
 */
@Entity
@Table(name = "merchant_account")
public class MerchantAccount extends TenantAware {

    @Id
    @SequenceGenerator(name = "merchant_account_id", sequenceName = "merchant_account_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "merchant_account_id")
    private Long id;

    @Column(name = "app_id", nullable = false, length = 32)
    private String appId;

    @Column(name = "mch_id", nullable = false, length = 32)
    private String mchId;

    @Column(name = "api_v3_key_encrypted", nullable = false)
    private byte[] apiV3KeyEncrypted;

    @Column(name = "merchant_certificate_serial", length = 64)
    private String merchantCertificateSerial;

    @Column(name = "merchant_private_key_encrypted")
    private byte[] merchantPrivateKeyEncrypted;

    @OneToMany(mappedBy = "account", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("serial")
    private List<MerchantPlatformKey> platformKeys = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected MerchantAccount() {}

    /** A key as the admin gave it: its type, its PEM, and what it parsed to. */
    public record NewKey(PlatformKeyType type, String pem, PlatformKey parsed) {}

    public MerchantAccount(
            String appId, String mchId, byte[] apiV3KeyEncrypted, List<NewKey> keys, OffsetDateTime now) {
        this.createdAt = Objects.requireNonNull(now);
        replace(appId, mchId, apiV3KeyEncrypted, keys, now);
    }

    /**
     * Replaces everything. Keys are matched by serial and updated in place, because deleting and
     * re-inserting the same serial in one flush would trip the unique (tenant, serial) constraint.
     */
    public void replace(String appId, String mchId, byte[] apiV3KeyEncrypted, List<NewKey> keys, OffsetDateTime now) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a merchant account needs at least one platform key");
        }
        this.appId = Objects.requireNonNull(appId);
        this.mchId = Objects.requireNonNull(mchId);
        this.apiV3KeyEncrypted = Objects.requireNonNull(apiV3KeyEncrypted);
        this.updatedAt = Objects.requireNonNull(now);
        Map<String, NewKey> wanted = keys.stream()
                .collect(Collectors.toMap(k -> k.parsed().serial(), Function.identity(), (a, b) -> {
                    throw new IllegalArgumentException(
                            "duplicate serial " + a.parsed().serial());
                }));
        platformKeys.removeIf(existing -> !wanted.containsKey(existing.serial()));
        for (NewKey key : keys) {
            platformKeys.stream()
                    .filter(existing -> existing.serial().equals(key.parsed().serial()))
                    .findFirst()
                    .ifPresentOrElse(
                            existing -> existing.update(key.type(), key.pem(), key.parsed()),
                            () -> platformKeys.add(new MerchantPlatformKey(this, key.type(), key.pem(), key.parsed())));
        }
    }

    /**
     * Gives the account API access (the merchant certificate's serial and its private key, encrypted), or
     * takes it away (both null): an account replaced without them goes back to notifications only.
     */
    public void apiAccess(String certificateSerial, byte[] privateKeyEncrypted) {
        if ((certificateSerial == null) != (privateKeyEncrypted == null)) {
            throw new IllegalArgumentException("give the certificate serial and the private key, or neither");
        }
        this.merchantCertificateSerial = certificateSerial;
        this.merchantPrivateKeyEncrypted = privateKeyEncrypted;
    }

    public boolean hasApiAccess() {
        return merchantPrivateKeyEncrypted != null;
    }

    public String merchantCertificateSerial() {
        return merchantCertificateSerial;
    }

    byte[] merchantPrivateKeyEncrypted() {
        return merchantPrivateKeyEncrypted;
    }

    public Long id() {
        return id;
    }

    public String appId() {
        return appId;
    }

    public String mchId() {
        return mchId;
    }

    byte[] apiV3KeyEncrypted() {
        return apiV3KeyEncrypted;
    }

    public List<MerchantPlatformKey> platformKeys() {
        return List.copyOf(platformKeys);
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
