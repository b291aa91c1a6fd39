package com.minishop.apikey;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.OffsetDateTime;

/** The answer to issuing a key: the only time its text ({@code key}) is ever shown. */
@JsonbPropertyOrder({"id", "name", "scope", "key", "createdAt"})
public record IssuedApiKey(long id, String name, String scope, String key, OffsetDateTime createdAt) {

    @Override
    public String toString() {
        return "IssuedApiKey[id=" + id + ", name=" + name + ", scope=" + scope + "]";
    }
}
