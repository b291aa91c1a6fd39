package com.minishop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class CrossSiteRequestFilterTest {

    private static final URI SERVICE = URI.create("http://pay.example:8080/api/");

    @Test
    void theServicesOwnOriginIsSameOrigin() {
        assertThat(CrossSiteRequestFilter.sameOrigin("http://pay.example:8080", SERVICE))
                .isTrue();
        assertThat(CrossSiteRequestFilter.sameOrigin("HTTP://PAY.EXAMPLE:8080", SERVICE))
                .isTrue();
        assertThat(CrossSiteRequestFilter.sameOrigin("https://pay.example", URI.create("https://pay.example/api/")))
                .isTrue();
        assertThat(CrossSiteRequestFilter.sameOrigin("https://pay.example:443", URI.create("https://pay.example/")))
                .isTrue();
    }

    @Test
    void anyOtherSchemeHostOrPortIsAnotherSite() {
        assertThat(CrossSiteRequestFilter.sameOrigin("https://pay.example:8080", SERVICE))
                .isFalse();
        assertThat(CrossSiteRequestFilter.sameOrigin("http://evil.example:8080", SERVICE))
                .isFalse();
        assertThat(CrossSiteRequestFilter.sameOrigin("http://pay.example:8081", SERVICE))
                .isFalse();
        assertThat(CrossSiteRequestFilter.sameOrigin("http://pay.example", SERVICE))
                .isFalse();
        assertThat(CrossSiteRequestFilter.sameOrigin("http://pay.example.evil.example:8080", SERVICE))
                .isFalse();
    }

    @Test
    void opaqueAndMalformedOriginsAreNobodysOwn() {
        assertThat(CrossSiteRequestFilter.sameOrigin("null", SERVICE)).isFalse();
        assertThat(CrossSiteRequestFilter.sameOrigin("", SERVICE)).isFalse();
        assertThat(CrossSiteRequestFilter.sameOrigin("http://pay example", SERVICE))
                .isFalse();
        assertThat(CrossSiteRequestFilter.sameOrigin("file:///etc/passwd", SERVICE))
                .isFalse();
    }
}
