package com.minishop.apikey;

import java.util.Locale;

/** What a tenant key may do: {@code read} keys only read (GET), {@code write} keys also change. */
public enum ApiKeyScope {
    READ,
    WRITE;

    /** The name in the API and the database. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null for anything but {@code read} or {@code write}. */
    static ApiKeyScope of(String code) {
        for (ApiKeyScope scope : values()) {
            if (scope.code().equals(code)) {
                return scope;
            }
        }
        return null;
    }

    /** Whether a request with this HTTP method is within the scope. */
    public boolean allows(String httpMethod) {
        return this == WRITE || "GET".equals(httpMethod) || "HEAD".equals(httpMethod);
    }
}
