package com.minishop.apikey;

import com.minishop.web.InvalidInputException;
import java.util.regex.Pattern;

/** The body of {@code POST /api/v1/admin/tenants/{tenantId}/api-keys}: {@code {"name","scope"}}. */
public record NewApiKeyRequest(String name, String scope) {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._:/@-]{1,64}");

    /** The scope asked for; 400 naming the field when the name or the scope is not acceptable. */
    ApiKeyScope validate() {
        if (name == null || !NAME.matcher(name).matches() || name.isBlank()) {
            throw new InvalidInputException("name", "name must be 1-64 letters, digits, spaces or . _ : / @ -");
        }
        ApiKeyScope parsed = ApiKeyScope.of(scope);
        if (parsed == null) {
            throw new InvalidInputException("scope", "scope must be read or write");
        }
        return parsed;
    }
}
