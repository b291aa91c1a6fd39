package com.minishop.apikey;

import com.minishop.tenant.TenantAware;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A tenant's API key: its name, scope and the hash of its secret (see {@link ApiKeySecret}); revoked
 * keys stay, marked, so their prefix is still recognised. No version column: the only concurrent
 * changes are a revocation and the last-use time, different columns, each written alone.
 */
@Entity
@Table(name = "api_key")
public class ApiKey extends TenantAware {

    /** The last-use time is written at most this often per key: a write per request would be waste. */
    static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    @Id
    @SequenceGenerator(name = "api_key_id", sequenceName = "api_key_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_key_id")
    private Long id;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(nullable = false, length = 8)
    private String scope;

    @Column(name = "secret_hash", nullable = false)
    private byte[] secretHash;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "last_used_at")
    private OffsetDateTime lastUsedAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected ApiKey() {}

    ApiKey(String name, ApiKeyScope scope, OffsetDateTime now) {
        this.name = Objects.requireNonNull(name);
        this.scope = scope.code();
        this.createdAt = Objects.requireNonNull(now);
    }

    /** Sets the secret once the id is known (the key's text carries the id). */
    ApiKeySecret issueSecret(long tenantId) {
        if (secretHash != null) {
            throw new IllegalStateException("key " + id + " already has its secret");
        }
        ApiKeySecret secret = ApiKeySecret.generate(tenantId, id);
        secretHash = secret.hash();
        return secret;
    }

    /** True when the key is not revoked and the secret is its own (compared in constant time). */
    boolean accepts(ApiKeySecret given) {
        return revokedAt == null && secretHash != null && MessageDigest.isEqual(secretHash, given.hash());
    }

    /** Records a use, at most once per {@link #LAST_USE_PRECISION}. */
    void used(OffsetDateTime now) {
        if (lastUsedAt == null || lastUsedAt.plus(LAST_USE_PRECISION).isBefore(now)) {
            lastUsedAt = now;
        }
    }

    /** Revokes the key; revoking a revoked key changes nothing. */
    void revoke(OffsetDateTime now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ApiKeyScope scope() {
        return ApiKeyScope.of(scope);
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime lastUsedAt() {
        return lastUsedAt;
    }

    public OffsetDateTime revokedAt() {
        return revokedAt;
    }
}
