package com.minishop.tenant;

import com.minishop.payment.wechat.PlatformKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/** One key WeChat Pay may sign this merchant's notifications with; the PEM is public material. */
@Entity
@Table(name = "merchant_platform_key")
public class MerchantPlatformKey extends TenantAware {

    @Id
    @SequenceGenerator(name = "platform_key_id", sequenceName = "merchant_platform_key_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "platform_key_id")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id")
    private MerchantAccount account;

    @Column(nullable = false, length = 64)
    private String serial;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private PlatformKeyType type;

    @Column(nullable = false)
    private String pem;

    @Column(name = "not_before")
    private OffsetDateTime notBefore;

    @Column(name = "not_after")
    private OffsetDateTime notAfter;

    protected MerchantPlatformKey() {}

    MerchantPlatformKey(MerchantAccount account, PlatformKeyType type, String pem, PlatformKey parsed) {
        this.account = Objects.requireNonNull(account);
        update(type, pem, parsed);
    }

    void update(PlatformKeyType type, String pem, PlatformKey parsed) {
        this.type = Objects.requireNonNull(type);
        this.pem = Objects.requireNonNull(pem);
        this.serial = parsed.serial();
        this.notBefore = utc(parsed.notBefore());
        this.notAfter = utc(parsed.notAfter());
    }

    public String serial() {
        return serial;
    }

    public PlatformKeyType type() {
        return type;
    }

    public String pem() {
        return pem;
    }

    public OffsetDateTime notBefore() {
        return notBefore;
    }

    public OffsetDateTime notAfter() {
        return notAfter;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The verification key, parsed again from the stored PEM (which was validated when stored). */
    public PlatformKey toPlatformKey() {
        return type == PlatformKeyType.PUBLIC_KEY
                ? PlatformKey.fromPublicKeyPem(serial, pem)
                : PlatformKey.fromCertificatePem(serial, pem);
    }
}
