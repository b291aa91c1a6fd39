package com.minishop.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.web.InvalidInputException;
import org.junit.jupiter.api.Test;

class NewApiKeyRequestTest {

    @Test
    void acceptsANameAndAScope() {
        assertThat(new NewApiKeyRequest("shop backend 1", "read").validate()).isEqualTo(ApiKeyScope.READ);
        assertThat(new NewApiKeyRequest("报表", "write").validate()).isEqualTo(ApiKeyScope.WRITE);
    }

    @Test
    void refusesWhatItCannotStoreOrUnderstandNamingTheField() {
        for (String name : new String[] {null, "", "  ", "x".repeat(65), "line\nbreak", "<script>"}) {
            assertThatThrownBy(() -> new NewApiKeyRequest(name, "read").validate())
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field())
                            .isEqualTo("name"));
        }
        for (String scope : new String[] {null, "", "READ", "admin", "read,write"}) {
            assertThatThrownBy(() -> new NewApiKeyRequest("k", scope).validate())
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field())
                            .isEqualTo("scope"));
        }
    }

    @Test
    void aReadKeyOnlyReads() {
        assertThat(ApiKeyScope.READ.allows("GET")).isTrue();
        assertThat(ApiKeyScope.READ.allows("POST")).isFalse();
        assertThat(ApiKeyScope.READ.allows("DELETE")).isFalse();
        assertThat(ApiKeyScope.WRITE.allows("POST")).isTrue();
    }
}
