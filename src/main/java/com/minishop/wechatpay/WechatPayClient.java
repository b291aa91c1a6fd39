package com.minishop.wechatpay;

import com.minishop.database.DbTime;
import com.minishop.payment.wechat.MerchantApiKey;
import com.minishop.payment.wechat.MerchantCredentials;
import com.minishop.payment.wechat.NotificationHeaders;
import com.minishop.payment.wechat.NotificationRejectedException;
import com.minishop.payment.wechat.NotificationVerifier;
import com.minishop.payment.wechat.Transaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The three calls this service makes to WeChat Pay API v3 for a tenant: JSAPI prepay, query by order
 * number, close. The JDK's {@link HttpClient} rather than the official {@code wechatpay-java}: that SDK
 * takes its host from an enum (no configurable base URL), checks no timestamp window on its own, and
 * throws Gson errors on a non-JSON error page; here the same verifier as the notifications checks every
 * 2xx answer. Every call, answered or not, writes one {@link CallRecord}.
 */
@ApplicationScoped
public class WechatPayClient {

    public static final String PREPAY = "PREPAY";
    public static final String QUERY = "QUERY";
    public static final String CLOSE = "CLOSE";

    /** The call log's outcomes: answered as expected, or why not. */
    public static final List<String> OUTCOMES = List.of(
            "OK",
            "NOT_FOUND",
            "REJECTED",
            "RATE_LIMITED",
            "SERVER_ERROR",
            "TIMEOUT",
            "UNREACHABLE",
            "MALFORMED_BODY",
            NotificationRejectedException.Reason.MISSING_HEADER.name(),
            NotificationRejectedException.Reason.MALFORMED_HEADER.name(),
            NotificationRejectedException.Reason.UNSUPPORTED_SIGNATURE_TYPE.name(),
            NotificationRejectedException.Reason.SIGNTEST_PROBE.name(),
            NotificationRejectedException.Reason.TIMESTAMP_OUT_OF_WINDOW.name(),
            NotificationRejectedException.Reason.UNKNOWN_SERIAL.name(),
            NotificationRejectedException.Reason.CERTIFICATE_NOT_VALID.name(),
            NotificationRejectedException.Reason.BAD_SIGNATURE.name());

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    /** WeChat's own SDK's window for response timestamps. */
    static final Duration RESPONSE_WINDOW = Duration.ofMinutes(5);

    /**
     * {@code time_expire} as WeChat documents it, {@code 2018-06-08T10:34:56+08:00}: seconds always written
     * ({@code OffsetDateTime.toString()} leaves out zero seconds), in Beijing time.
     */
    static final DateTimeFormatter RFC3339_CHINA =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.ofHours(8));

    static final String USER_AGENT = "minishop-payment-callback/1.0 (WeChat Pay API v3; Java "
            + System.getProperty("java.specification.version") + ")";

    /** Looked up once: {@code Json.createX} searches the class path for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Logger LOG = Logger.getLogger(WechatPayClient.class.getName());

    @Inject
    @ConfigProperty(name = "PAYMENT_WECHATPAY_API_URL", defaultValue = "https://api.mch.weixin.qq.com")
    String configuredBase;

    @Inject
    WechatPayCallLog callLog;

    private String base;
    private Clock clock;
    private Duration answerTimeout;
    private HttpClient http;
    private NotificationVerifier verifier;
    private Consumer<CallRecord> log;

    /** For CDI; configured in {@link #init()}. */
    public WechatPayClient() {}

    /** For tests: another base URL, clock, answer timeout and call log. */
    public WechatPayClient(String base, Clock clock, Duration answerTimeout, Consumer<CallRecord> log) {
        configure(base, clock, answerTimeout, log);
    }

    @PostConstruct
    void init() {
        configure(configuredBase, Clock.systemUTC(), ANSWER_TIMEOUT, callLog::record);
    }

    private void configure(String base, Clock clock, Duration answerTimeout, Consumer<CallRecord> log) {
        URI uri = URI.create(Objects.requireNonNull(base, "base"));
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("PAYMENT_WECHATPAY_API_URL must be an absolute URL");
        }
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.clock = clock;
        this.answerTimeout = answerTimeout;
        this.log = log;
        this.verifier = new NotificationVerifier(clock, RESPONSE_WINDOW);
        // HTTP/1.1 as WeChat documents it; no h2c upgrade attempts on plain-HTTP test servers
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A call's identity: whose, which operation, why, for which order. */
    public record Call(long tenantId, MerchantCredentials credentials, String trigger, String outTradeNo) {
        public Call {
            Objects.requireNonNull(credentials);
            Objects.requireNonNull(trigger);
            Objects.requireNonNull(outTradeNo);
        }

        MerchantApiKey key() {
            return credentials.apiKey().orElseThrow(() -> new IllegalStateException("tenant has no API access"));
        }
    }

    /** WeChat's answer to a query: the transaction, or null when WeChat has no such order. */
    public record Queried(Transaction transaction, String requestId) {}

    /** The prepay id WeChat gave. */
    public record Prepaid(String prepayId, String requestId) {}

    /** {@code GET /v3/pay/transactions/out-trade-no/{no}?mchid=}. */
    public Queried query(Call call) {
        String path = "/v3/pay/transactions/out-trade-no/" + pathSegment(call.outTradeNo()) + "?mchid="
                + call.credentials().mchId();
        return exchange(call, QUERY, "GET", path, "", answer -> {
            if (answer.status() == 404 && "ORDER_NOT_EXIST".equals(answer.errorCode())) {
                return new Outcome<>(
                        new Queried(null, answer.requestId()), "NOT_FOUND", "WeChat Pay has no such order");
            }
            requireStatus(answer, 200);
            Transaction t = Transaction.fromQuery(answer.body());
            return new Outcome<>(new Queried(t, answer.requestId()), "OK", "trade_state " + t.tradeState());
        });
    }

    /**
     * {@code POST /v3/pay/transactions/out-trade-no/{no}/close}. 204, and the 400 ORDER_CLOSED of an order
     * closed before, both return: only the query after it says whether the order is closed.
     */
    public String close(Call call) {
        String path = "/v3/pay/transactions/out-trade-no/" + pathSegment(call.outTradeNo()) + "/close";
        String body = JSON.createObjectBuilder()
                .add("mchid", call.credentials().mchId())
                .build()
                .toString();
        return exchange(call, CLOSE, "POST", path, body, answer -> {
            if (answer.status() == 400 && "ORDER_CLOSED".equals(answer.errorCode())) {
                return new Outcome<>(answer.requestId(), "OK", "already closed");
            }
            if (answer.status() != 202) {
                requireStatus(answer, 204);
            }
            return new Outcome<>(answer.requestId(), "OK", answer.status() == 202 ? "accepted, not done" : "closed");
        });
    }

    /** {@code POST /v3/pay/transactions/jsapi}: places the order at WeChat Pay for one payer. */
    public Prepaid prepay(
            Call call,
            String description,
            long amountTotal,
            String currency,
            OffsetDateTime timeExpire,
            String notifyUrl,
            String openId) {
        String body = JSON.createObjectBuilder()
                .add("appid", call.credentials().appId())
                .add("mchid", call.credentials().mchId())
                .add("description", description)
                .add("out_trade_no", call.outTradeNo())
                .add("time_expire", RFC3339_CHINA.format(timeExpire))
                .add("notify_url", notifyUrl)
                .add(
                        "amount",
                        JSON.createObjectBuilder().add("total", amountTotal).add("currency", currency))
                .add("payer", JSON.createObjectBuilder().add("openid", openId))
                .build()
                .toString();
        return exchange(call, PREPAY, "POST", "/v3/pay/transactions/jsapi", body, answer -> {
            requireStatus(answer, 200);
            String prepayId = jsonString(answer.body(), "prepay_id");
            if (prepayId == null || prepayId.isBlank() || prepayId.length() > 64) {
                throw new ReadFailure("the prepay answer has no usable prepay_id");
            }
            return new Outcome<>(new Prepaid(prepayId, answer.requestId()), "OK", "prepay id issued");
        });
    }

    /** A verified (2xx) or error answer. */
    record Answer(int status, byte[] body, String requestId, String errorCode) {}

    private record Outcome<T>(T value, String outcome, String message) {}

    /** A 2xx answer we cannot read: a bad response. */
    private static final class ReadFailure extends RuntimeException {
        ReadFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** An answer with a status this operation does not expect: WeChat refused the request. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** One call under way: what the call log needs to know about it, whatever its end. */
    private record Attempt(Call call, String operation, OffsetDateTime calledAt, long started) {
        CallRecord record(Integer status, String errorCode, String requestId, String outcome, String message) {
            return new CallRecord(
                    null,
                    call.tenantId(),
                    calledAt,
                    operation,
                    call.trigger(),
                    call.outTradeNo(),
                    status,
                    errorCode,
                    requestId,
                    (System.nanoTime() - started) / 1_000_000,
                    outcome,
                    message);
        }
    }

    private <T> T exchange(
            Call call, String operation, String method, String path, String body, Function<Answer, Outcome<T>> reader) {
        var attempt = new Attempt(call, operation, DbTime.now(clock), System.nanoTime());
        long timestamp = clock.instant().getEpochSecond();
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(answerTimeout)
                .header(
                        "Authorization",
                        RequestSigner.authorization(
                                call.credentials().mchId(),
                                call.key(),
                                method,
                                path,
                                body,
                                timestamp,
                                RequestSigner.nonce()))
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        if (body.isEmpty()) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw failed(
                    attempt,
                    null,
                    "TIMEOUT",
                    WechatPayException.UNAVAILABLE,
                    "no answer within " + answerTimeout.toMillis() + " ms");
        } catch (IOException e) {
            throw failed(
                    attempt,
                    null,
                    "UNREACHABLE",
                    WechatPayException.UNAVAILABLE,
                    "cannot reach WeChat Pay: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(attempt, null, "UNREACHABLE", WechatPayException.UNAVAILABLE, "interrupted");
        }
        int status = response.statusCode();
        String requestId = response.headers().firstValue("Request-ID").orElse(null);
        byte[] raw = response.body() == null ? new byte[0] : response.body();
        String errorCode = status >= 200 && status < 300 ? null : errorCode(raw);
        Answer answer = new Answer(status, raw, requestId, errorCode);
        if (status == 429 || status >= 500) {
            throw failed(
                    attempt,
                    answer,
                    status == 429 ? "RATE_LIMITED" : "SERVER_ERROR",
                    WechatPayException.UNAVAILABLE,
                    "WeChat Pay answered " + status + (errorCode == null ? " (no JSON error body)" : " " + errorCode));
        }
        if (errorCode == null && status >= 200 && status < 300) {
            try {
                verifier.verifyResponse(
                        raw, NotificationHeaders.fromMap(response.headers().map()), call.credentials());
            } catch (NotificationRejectedException e) {
                throw failed(
                        attempt,
                        answer,
                        e.reason().name(),
                        WechatPayException.BAD_RESPONSE,
                        "answer not verified: " + e.getMessage());
            }
        }
        Outcome<T> outcome;
        try {
            outcome = reader.apply(answer);
        } catch (ReadFailure | IllegalArgumentException e) {
            throw failed(
                    attempt,
                    answer,
                    "MALFORMED_BODY",
                    WechatPayException.BAD_RESPONSE,
                    "answer not readable: " + e.getMessage());
        } catch (Refused e) {
            throw failed(attempt, answer, "REJECTED", WechatPayException.REJECTED, e.getMessage());
        }
        log.accept(attempt.record(status, errorCode, requestId, outcome.outcome(), outcome.message()));
        return outcome.value();
    }

    /** Logs the failed call (answer null: none came) and says what went wrong, safe to return and log. */
    private WechatPayException failed(Attempt attempt, Answer answer, String outcome, String code, String message) {
        String requestId = answer == null ? null : answer.requestId();
        log.accept(attempt.record(
                answer == null ? null : answer.status(),
                answer == null ? null : answer.errorCode(),
                requestId,
                outcome,
                message));
        LOG.log(Level.INFO, "tenant {0}: {1} of order {2} failed: {3} (Request-ID {4})", new Object[] {
            Long.toString(attempt.call().tenantId()),
            attempt.operation(),
            attempt.call().outTradeNo(),
            message,
            requestId
        });
        return new WechatPayException(
                code, attempt.operation() + " of order " + attempt.call().outTradeNo() + ": " + message, requestId);
    }

    private static void requireStatus(Answer answer, int expected) {
        if (answer.status() != expected) {
            throw new Refused("WeChat Pay answered " + answer.status()
                    + (answer.errorCode() == null ? "" : " " + answer.errorCode()));
        }
    }

    /** WeChat's error {@code code}, or null when the body is not a JSON object with one (an HTML page, say). */
    static String errorCode(byte[] body) {
        try {
            String code = jsonString(body, "code");
            return code == null || code.length() > 64 ? null : code;
        } catch (ReadFailure e) {
            return null;
        }
    }

    private static String jsonString(byte[] body, String name) {
        try (var reader = JSON.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            JsonObject object = reader.readObject();
            return object.get(name) instanceof JsonString s ? s.getString() : null;
        } catch (RuntimeException e) {
            throw new ReadFailure("the answer is not a JSON object");
        }
    }

    /** Order numbers are 0-9 A-Z a-z _ - | *; only {@code |} needs escaping in a path. */
    static String pathSegment(String outTradeNo) {
        return outTradeNo.replace("|", "%7C");
    }
}
