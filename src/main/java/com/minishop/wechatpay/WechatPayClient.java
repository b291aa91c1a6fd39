package com.minishop.wechatpay;

import com.minishop.database.DbTime;
import com.minishop.payment.wechat.MerchantApiKey;
import com.minishop.payment.wechat.MerchantCredentials;
import com.minishop.payment.wechat.NotificationHeaders;
import com.minishop.payment.wechat.NotificationRejectedException;
import com.minishop.payment.wechat.NotificationVerifier;
import com.minishop.payment.wechat.Refund;
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
 * The calls this service makes to WeChat Pay API v3 for a tenant: JSAPI prepay, query by order
 * number, close, refund, refund query, trade bill (apply, download). The JDK's {@link HttpClient} rather than the official {@code wechatpay-java}: that SDK
 * takes its host from an enum (no configurable base URL), checks no timestamp window on its own, and
 * throws Gson errors on a non-JSON error page; here the same verifier as the notifications checks every
 * 2xx answer. Every call, answered or not, writes one {@link CallRecord}.
 */
@ApplicationScoped
public class WechatPayClient {

    public static final String PREPAY = "PREPAY";
    public static final String QUERY = "QUERY";
    public static final String CLOSE = "CLOSE";
    public static final String REFUND = "REFUND";
    public static final String REFUND_QUERY = "REFUND_QUERY";
    public static final String BILL = "BILL";
    public static final String BILL_DOWNLOAD = "BILL_DOWNLOAD";

    /** The call log's outcomes: answered as expected, or why not. */
    public static final List<String> OUTCOMES = List.of(
            "OK",
            "NOT_FOUND",
            "NOT_READY",
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

    /** Looked up once: {@code JSON.createX} searches the class path for a provider on every call. */
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
        }

        /** A call about no one order (the trade bill). */
        public Call(long tenantId, MerchantCredentials credentials, String trigger) {
            this(tenantId, credentials, trigger, null);
        }

        String subject() {
            return outTradeNo == null ? "the trade bill" : "order " + outTradeNo;
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

    /** WeChat's answer about a refund: the refund, or null when WeChat has no such refund. */
    public record RefundAnswer(Refund refund, String requestId) {}

    /**
     * {@code POST /v3/refund/domestic/refunds}: asks WeChat to refund {@code refund} of the order's
     * {@code total} fen. The same {@code outRefundNo} asked again starts nothing new at WeChat.
     */
    public RefundAnswer refund(
            Call call, String outRefundNo, String reason, String notifyUrl, long refund, long total, String currency) {
        var body = JSON.createObjectBuilder()
                .add("out_trade_no", call.outTradeNo())
                .add("out_refund_no", outRefundNo);
        if (reason != null && !reason.isEmpty()) {
            body.add("reason", reason);
        }
        body.add("notify_url", notifyUrl)
                .add(
                        "amount",
                        JSON.createObjectBuilder()
                                .add("refund", refund)
                                .add("total", total)
                                .add("currency", currency));
        return exchange(
                call,
                REFUND,
                "POST",
                "/v3/refund/domestic/refunds",
                body.build().toString(),
                answer -> {
                    requireStatus(answer, 200);
                    Refund r =
                            Refund.fromAnswer(answer.body(), call.credentials().mchId());
                    return new Outcome<>(
                            new RefundAnswer(r, answer.requestId()),
                            "OK",
                            "refund " + outRefundNo + " " + r.refundStatus());
                });
    }

    /** {@code GET /v3/refund/domestic/refunds/{out_refund_no}}. */
    public RefundAnswer queryRefund(Call call, String outRefundNo) {
        String path = "/v3/refund/domestic/refunds/" + pathSegment(outRefundNo).replace("@", "%40");
        return exchange(call, REFUND_QUERY, "GET", path, "", answer -> {
            if (answer.status() == 404 && "RESOURCE_NOT_EXISTS".equals(answer.errorCode())) {
                return new Outcome<>(
                        new RefundAnswer(null, answer.requestId()),
                        "NOT_FOUND",
                        "WeChat Pay has no refund " + outRefundNo);
            }
            requireStatus(answer, 200);
            Refund r = Refund.fromAnswer(answer.body(), call.credentials().mchId());
            return new Outcome<>(
                    new RefundAnswer(r, answer.requestId()), "OK", "refund " + outRefundNo + " " + r.refundStatus());
        });
    }

    /** WeChat's answer to a trade bill application: ready to download, or not (why in {@code errorCode}). */
    public record BillApplication(
            String hashType, String hashValue, String downloadUrl, String errorCode, String requestId) {
        public static final String NO_STATEMENT_EXIST = "NO_STATEMENT_EXIST";
        public static final String STATEMENT_CREATING = "STATEMENT_CREATING";

        public boolean ready() {
            return errorCode == null;
        }
    }

    private static final java.util.regex.Pattern SHA1_HEX = java.util.regex.Pattern.compile("[0-9A-Fa-f]{40}");

    /**
     * {@code GET /v3/bill/tradebill?bill_date=&bill_type=ALL&tar_type=GZIP}: the day's ALL trade bill, GZIP
     * ({@code gzip} false: plain). {@code NO_STATEMENT_EXIST} (an empty day) and {@code STATEMENT_CREATING}
     * (not yet) come back as a not-ready application, whatever their status.
     */
    public BillApplication applyTradeBill(Call call, java.time.LocalDate date, boolean gzip) {
        String path = "/v3/bill/tradebill?bill_date=" + date + "&bill_type=ALL" + (gzip ? "&tar_type=GZIP" : "");
        return exchange(call, BILL, "GET", path, "", answer -> {
            if (BillApplication.NO_STATEMENT_EXIST.equals(answer.errorCode())
                    || BillApplication.STATEMENT_CREATING.equals(answer.errorCode())) {
                return new Outcome<>(
                        new BillApplication(null, null, null, answer.errorCode(), answer.requestId()),
                        "NOT_READY",
                        "bill of " + date + ": " + answer.errorCode());
            }
            requireStatus(answer, 200);
            String hashType = jsonString(answer.body(), "hash_type");
            String hashValue = jsonString(answer.body(), "hash_value");
            String url = jsonString(answer.body(), "download_url");
            if (!"SHA1".equals(hashType)
                    || hashValue == null
                    || !SHA1_HEX.matcher(hashValue).matches()) {
                throw new ReadFailure("the bill answer has no SHA1 hash_type and 40 hex digits of hash_value");
            }
            if (url == null || !sameOrigin(url)) {
                throw new ReadFailure("the bill answer's download_url is missing or not on the WeChat Pay API host");
            }
            return new Outcome<>(
                    new BillApplication(hashType, hashValue, url, null, answer.requestId()),
                    "OK",
                    "bill of " + date + " ready");
        });
    }

    /**
     * Downloads the bill file from {@code downloadUrl} (exactly as WeChat gave it, signed like every request)
     * into {@code target}, its bytes as sent. The file answer is not signed: its integrity is the SHA-1 the
     * application gave, checked by the caller over the uncompressed bytes. Returns the bytes written.
     */
    public long downloadBill(Call call, String downloadUrl, java.nio.file.Path target) {
        var attempt = new Attempt(call, BILL_DOWNLOAD, DbTime.now(clock), System.nanoTime());
        if (!sameOrigin(downloadUrl)) {
            throw failed(
                    attempt,
                    null,
                    "MALFORMED_BODY",
                    WechatPayException.BAD_RESPONSE,
                    "the download_url is not on the WeChat Pay API host");
        }
        URI uri = URI.create(downloadUrl);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        var request = signed(call, "GET", path, "")
                .uri(uri)
                .timeout(DOWNLOAD_TIMEOUT)
                .GET()
                .build();
        HttpResponse<java.nio.file.Path> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofFile(target));
        } catch (HttpTimeoutException e) {
            throw failed(attempt, null, "TIMEOUT", WechatPayException.UNAVAILABLE, "the bill download timed out");
        } catch (IOException e) {
            throw failed(
                    attempt,
                    null,
                    "UNREACHABLE",
                    WechatPayException.UNAVAILABLE,
                    "cannot download the bill: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(attempt, null, "UNREACHABLE", WechatPayException.UNAVAILABLE, "interrupted");
        }
        int status = response.statusCode();
        String requestId = response.headers().firstValue("Request-ID").orElse(null);
        long size;
        try {
            size = java.nio.file.Files.size(target);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (status != 200) {
            byte[] body = new byte[0];
            try {
                body = size <= 64 * 1024 ? java.nio.file.Files.readAllBytes(target) : body;
            } catch (IOException e) {
                // the error code is only for the log
            }
            Answer answer = new Answer(status, body, requestId, errorCode(body));
            throw failed(
                    attempt,
                    answer,
                    status == 429 ? "RATE_LIMITED" : status >= 500 ? "SERVER_ERROR" : "REJECTED",
                    status == 429 || status >= 500 ? WechatPayException.UNAVAILABLE : WechatPayException.REJECTED,
                    "the bill download answered " + status
                            + (answer.errorCode() == null ? "" : " " + answer.errorCode()));
        }
        log.accept(attempt.record(status, null, requestId, "OK", size + " bytes"));
        return size;
    }

    /** Longer than a call's: a bill of a large merchant is megabytes. */
    static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);

    /** The download URL must lead to the configured API host: it gets our signed Authorization header. */
    private boolean sameOrigin(String url) {
        try {
            URI given = URI.create(url);
            URI ours = URI.create(base);
            return ours.getScheme().equalsIgnoreCase(given.getScheme())
                    && ours.getHost().equalsIgnoreCase(given.getHost())
                    && ours.getPort() == given.getPort()
                    && given.getRawUserInfo() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
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

    /** A request with our signature over {@code method}, {@code path} (with query) and {@code body}. */
    private HttpRequest.Builder signed(Call call, String method, String path, String body) {
        long timestamp = clock.instant().getEpochSecond();
        return HttpRequest.newBuilder()
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
    }

    private <T> T exchange(
            Call call, String operation, String method, String path, String body, Function<Answer, Outcome<T>> reader) {
        var attempt = new Attempt(call, operation, DbTime.now(clock), System.nanoTime());
        var request =
                signed(call, method, path, body).uri(URI.create(base + path)).timeout(answerTimeout);
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
        LOG.log(Level.INFO, "tenant {0}: {1} of {2} failed: {3} (Request-ID {4})", new Object[] {
            Long.toString(attempt.call().tenantId()),
            attempt.operation(),
            attempt.call().subject(),
            message,
            requestId
        });
        return new WechatPayException(
                code, attempt.operation() + " of " + attempt.call().subject() + ": " + message, requestId);
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
