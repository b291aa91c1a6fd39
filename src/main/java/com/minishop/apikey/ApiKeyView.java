package com.minishop.apikey;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.OffsetDateTime;

/** A key as listed: never its secret, only the public prefix that a leaked key starts with. */
@JsonbNillable
@JsonbPropertyOrder({"id", "name", "scope", "prefix", "createdAt", "lastUsedAt", "revokedAt"})
public record ApiKeyView(
        long id,
        String name,
        String scope,
        String prefix,
        OffsetDateTime createdAt,
        OffsetDateTime lastUsedAt,
        OffsetDateTime revokedAt) {

    static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(
                key.id(),
                key.name(),
                key.scope().code(),
                ApiKeySecret.prefix(key.tenantId(), key.id()),
                key.createdAt(),
                key.lastUsedAt(),
                key.revokedAt());
    }
}
