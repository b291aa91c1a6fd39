package com.minishop.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** A small HTTP client for the client-side tests: real HTTP against the deployed service. */
public final class ApiClient {

    /** One answer: status, raw body, and the body as JSON when it is JSON. */
    public record Answer(int status, String body, Map<String, java.util.List<String>> headers) {
        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public JsonStructure jsonStructure() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }
    }

    // HTTP/1.1 as WeChat speaks it; the JDK client's h2c upgrade attempt stalls on large bodies
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final String authorization;

    private ApiClient(String base, String authorization) {
        this.base = loopback(base.endsWith("/") ? base : base + "/");
        this.authorization = authorization;
    }

    /** Arquillian reports the machine's address; tests only ever talk to loopback. */
    static String loopback(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://localhost:" + uri.getPort() + uri.getPath();
    }

    /** Sends the admin's credentials with every request. */
    public static ApiClient admin(URL base) {
        return withCredentials(base, TestEnvironment.ADMIN_USER, TestEnvironment.ADMIN_PASSWORD);
    }

    public static ApiClient withCredentials(URL base, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new ApiClient(base.toString(), "Basic " + token);
    }

    /** Sends a tenant's API key with every request. */
    public static ApiClient bearer(URL base, String key) {
        return new ApiClient(base.toString(), "Bearer " + key);
    }

    public static ApiClient anonymous(URL base) {
        return new ApiClient(base.toString(), null);
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer delete(String path) {
        return send(request(path).DELETE());
    }

    public Answer put(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public Answer post(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** Sends exact bytes with exact headers (a header given twice is sent twice). */
    public Answer postRaw(String path, Map<String, java.util.List<String>> headers, byte[] body) {
        var builder = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        return send(builder);
    }

    /** Any method with extra headers (an absent body is sent as none). */
    public Answer send(String method, String path, Map<String, String> headers, String json) {
        var builder = request(path)
                .method(
                        method,
                        json == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        headers.forEach(builder::header);
        return send(builder);
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder builder) {
        try {
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(
                    response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
