package com.minishop.tenant;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.OffsetDateTime;
import java.util.List;

/** A merchant account as the admin API shows it: everything but the APIv3 key and the private key. */
@JsonbNillable
public record MerchantAccountView(
        long tenantId,
        String appId,
        String mchId,
        boolean apiV3KeyConfigured,
        List<Key> platformKeys,
        String merchantCertificateSerial,
        boolean apiAccess,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {

    /** A platform key; exactly one of the two PEMs is set. */
    @JsonbNillable(false)
    public record Key(
            String serial,
            PlatformKeyType type,
            String publicKeyPem,
            String certificatePem,
            OffsetDateTime notBefore,
            OffsetDateTime notAfter) {}

    static MerchantAccountView of(MerchantAccount account) {
        return new MerchantAccountView(
                account.tenantId(),
                account.appId(),
                account.mchId(),
                true,
                account.platformKeys().stream()
                        .map(k -> new Key(
                                k.serial(),
                                k.type(),
                                k.type() == PlatformKeyType.PUBLIC_KEY ? k.pem() : null,
                                k.type() == PlatformKeyType.CERTIFICATE ? k.pem() : null,
                                k.notBefore(),
                                k.notAfter()))
                        .toList(),
                account.merchantCertificateSerial(),
                account.hasApiAccess(),
                account.createdAt(),
                account.updatedAt(),
                account.version());
    }
}
