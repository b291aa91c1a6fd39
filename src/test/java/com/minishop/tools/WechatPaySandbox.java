package com.minishop.tools;

import com.minishop.payment.wechat.WechatPayTestSigner;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WeChat Pay API v3 sandbox: a real HTTP server on loopback that speaks WeChat's protocol for the calls
 * the service makes (prepay, query, close, refund, refund query). It verifies every request's {@code Authorization} (WECHATPAY2-SHA256-RSA2048,
 * with the merchant's public key; 401 {@code SIGN_ERROR} otherwise), signs every answer with the merchant's
 * platform key ({@code Wechatpay-*} headers, a {@code Request-ID}), and keeps a ledger of orders: prepay,
 * pay (delivering the notification to the order's notify_url on WeChat's retry schedule, or losing it),
 * refunds (apply, query, REFUND.* notifications, settled by {@link #settleRefund}), trade bills built from
 * the ledger in WeChat's format (GZIP or plain, with the SHA-1 of the uncompressed bytes; variations on
 * demand: {@link BillVariant}), query ({@code 404
 * ORDER_NOT_EXIST} for unknown numbers), close (204 also for repeats and unknown
 * numbers). Faults on demand: 429, 500, an HTML error page, answers slower than the client's timeout, bad
 * or stale response signatures, and a payment landing between a close and the query after it. Test tool.
 */
public final class WechatPaySandbox implements AutoCloseable {

    /** WeChat's retry schedule for notifications that were not acknowledged, in seconds. */
    static final int[] NOTIFY_RETRIES = {15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800};

    /** Looked up once: {@code JSON.createX} searches the class path for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Pattern AUTH_PAIR = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern QUERY_PATH = Pattern.compile("/v3/pay/transactions/out-trade-no/([^/?]+)");
    private static final Pattern CLOSE_PATH = Pattern.compile("/v3/pay/transactions/out-trade-no/([^/?]+)/close");
    private static final Pattern REFUND_QUERY_PATH = Pattern.compile("/v3/refund/domestic/refunds/([^/?]+)");
    private static final String REFUNDS_PATH = "/v3/refund/domestic/refunds";
    private static final String BILL_PATH = "/v3/bill/tradebill";
    private static final String DOWNLOAD_PATH = "/v3/billdownload/file";
    private static final java.time.format.DateTimeFormatter BILL_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the sandbox does instead of a normal answer, once per request it is armed for. */
    public enum Fault {
        RATE_LIMITED,
        SERVER_ERROR,
        HTML_ERROR,
        /** Answers after {@link #slowMillis}: longer than the client waits. */
        SLOW,
        BAD_SIGNATURE,
        STALE_TIMESTAMP,
        UNKNOWN_SERIAL,
        /** The next close answers 204, but the payer's payment lands instead: the query after it says SUCCESS. */
        PAY_DURING_CLOSE
    }

    /** A merchant the sandbox knows: its API key's public half and serial, and its platform key and APIv3 key. */
    public record Merchant(
            String mchId, String appId, PublicKey merchantKey, String merchantSerial, WechatPayTestSigner platform) {}

    /** A merchant with freshly generated keys, and what its tenant's account needs. */
    public record NewMerchant(Merchant merchant, KeyPair merchantKeyPair) {
        /** The body of {@code PUT .../wechatpay}, with API access. */
        public String accountJson() {
            JsonObject base;
            try (var reader = JSON.createReader(
                    new StringReader(merchant.platform().merchantAccountJson(merchant.appId(), merchant.mchId())))) {
                base = reader.readObject();
            }
            return JSON.createObjectBuilder(base)
                    .add("merchantCertificateSerial", merchant.merchantSerial())
                    .add("merchantPrivateKeyPem", privateKeyPem())
                    .build()
                    .toString();
        }

        public String privateKeyPem() {
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(merchantKeyPair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        }
    }

    /** One order in WeChat's ledger. */
    static final class Trade {
        final String mchId;
        final String outTradeNo;
        String appId;
        String description;
        long total;
        String currency = "CNY";
        String notifyUrl;
        String openId;
        String prepayId;
        String state = "NOTPAY";
        String transactionId;
        OffsetDateTime successTime;

        Trade(String mchId, String outTradeNo) {
            this.mchId = mchId;
            this.outTradeNo = outTradeNo;
        }
    }

    /** One refund in WeChat's ledger (per merchant and out_refund_no). */
    static final class RefundEntry {
        final Trade trade;
        final String outRefundNo;
        final String refundId = "50300" + randomDigits(24);
        final long refund;
        final String notifyUrl;
        final OffsetDateTime createTime =
                OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.SECONDS);
        String status = "PROCESSING";
        OffsetDateTime successTime;

        RefundEntry(Trade trade, String outRefundNo, long refund, String notifyUrl) {
            this.trade = trade;
            this.outRefundNo = outRefundNo;
            this.refund = refund;
            this.notifyUrl = notifyUrl;
        }
    }

    /** How the next trade bills of a merchant come out. */
    public enum BillVariant {
        /** GZIP (or plain, as asked) with the right hash. */
        NORMAL,
        /** {@code 400 NO_STATEMENT_EXIST}, as for a day without trades. */
        NO_STATEMENT,
        /** {@code 400 STATEMENT_CREATING}: not ready yet. */
        CREATING,
        /** The hash given is not the file's. */
        CORRUPT_HASH,
        /** {@code \r\n} line ends and a byte order mark. */
        CRLF_BOM,
        /** The first row's product name holds a comma: one field more than the header. */
        EXTRA_COMMA
    }

    private final Map<String, Queue<BillVariant>> billVariants = new ConcurrentHashMap<>();
    private final Map<String, byte[]> billFiles = new ConcurrentHashMap<>();

    /** Bills given from outside (the reconciliation benchmark's million rows), by merchant and date. */
    private final Map<String, PreparedBill> preparedBills = new ConcurrentHashMap<>();

    private record PreparedBill(byte[] gzip, String sha1) {}

    private final AtomicInteger billApplications = new AtomicInteger();
    private final Map<String, RefundEntry> refunds = new ConcurrentHashMap<>();
    private final AtomicInteger refundRequests = new AtomicInteger();
    private volatile String newRefundStatus = "PROCESSING";
    private final ServerSocket server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wechatpay-sandbox");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient notifier = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, Merchant> merchants = new ConcurrentHashMap<>();
    private final Map<String, Trade> ledger = new ConcurrentHashMap<>();
    private final Map<String, Queue<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger maxInFlightPerOrder = new AtomicInteger();
    private final AtomicInteger signErrors = new AtomicInteger();
    private final Map<String, AtomicInteger> payDuringClose = new ConcurrentHashMap<>();
    private volatile String notifyBase;
    private volatile long slowMillis = 6_000;
    private volatile long queryDelayMillis;
    private volatile double retrySpeedup = 1;

    private WechatPaySandbox(ServerSocket server) {
        this.server = server;
    }

    /**
     * Starts on loopback, on a port the OS chooses (0) or the given one. A small HTTP/1.1 server of its
     * own (one request per connection) rather than the JDK's, which rewrites header names
     * ({@code Wechatpay-timestamp}): the official SDK looks WeChat's headers up by their exact names.
     */
    public static WechatPaySandbox start(int port) {
        try {
            ServerSocket server = new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
            WechatPaySandbox sandbox = new WechatPaySandbox(server);
            sandbox.executor.execute(sandbox::accept);
            return sandbox;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the WeChat Pay sandbox", e);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                executor.execute(() -> serve(socket));
            } catch (IOException e) {
                // closed
            }
        }
    }

    /** One request on one connection: request line, headers, a Content-Length body; the answer; close. */
    private void serve(Socket socket) {
        try (socket;
                var in = new java.io.BufferedInputStream(socket.getInputStream())) {
            socket.setSoTimeout(10_000);
            String requestLine = line(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return;
            }
            String[] parts = requestLine.split(" ");
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(
                            header.substring(0, colon).trim(),
                            header.substring(colon + 1).trim());
                }
            }
            int length = Integer.parseInt(headers.getOrDefault("Content-Length", "0"));
            byte[] body = in.readNBytes(length);
            handle(new Exchange(parts[0], URI.create(parts[1]), headers, body, socket.getOutputStream()));
        } catch (IOException | RuntimeException e) {
            // the client went away, or sent nonsense
        }
    }

    private static String line(InputStream in) throws IOException {
        var line = new java.io.ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** One request and the means to answer it, header names exactly as given. */
    record Exchange(String method, URI uri, Map<String, String> requestHeaders, byte[] body, java.io.OutputStream out) {
        void respond(int status, Map<String, String> headers, byte[] content) throws IOException {
            StringBuilder head = new StringBuilder("HTTP/1.1 ")
                    .append(status)
                    .append(' ')
                    .append(reason(status))
                    .append("\r\n");
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            if (status != 204) {
                head.append("Content-Length: ").append(content.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (status != 204) {
                out.write(content);
            }
            out.flush();
        }

        private static String reason(int status) {
            return switch (status) {
                case 200 -> "OK";
                case 204 -> "No Content";
                case 400 -> "Bad Request";
                case 401 -> "Unauthorized";
                case 404 -> "Not Found";
                case 429 -> "Too Many Requests";
                case 500 -> "Internal Server Error";
                case 502 -> "Bad Gateway";
                default -> "Status";
            };
        }
    }

    public static WechatPaySandbox start() {
        return start(0);
    }

    /** {@code http://127.0.0.1:port}, the service's {@code PAYMENT_WECHATPAY_API_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        executor.shutdownNow();
    }

    // ---- set-up and control ----

    public Merchant register(Merchant merchant) {
        merchants.put(merchant.mchId(), merchant);
        return merchant;
    }

    /** A merchant with a fresh API key pair and serial, and a fresh platform key and APIv3 key. */
    public NewMerchant newMerchant(String appId, String mchId) {
        KeyPair keys = WechatPayTestSigner.newRsaKeyPair();
        String serial = new java.math.BigInteger(159, RANDOM).toString(16).toUpperCase(Locale.ROOT);
        return new NewMerchant(
                register(new Merchant(mchId, appId, keys.getPublic(), serial, WechatPayTestSigner.create())), keys);
    }

    /** Notifications go to this scheme://host:port instead of the notify_url's (the service's port is not known at prepay). */
    public void redirectNotifications(String base) {
        this.notifyBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * Arms {@code fault} for the next {@code times} requests of the merchant ({@link Fault#PAY_DURING_CLOSE}:
     * for its next closes).
     */
    public void fault(String mchId, Fault fault, int times) {
        if (fault == Fault.PAY_DURING_CLOSE) {
            payDuringClose.computeIfAbsent(mchId, id -> new AtomicInteger()).addAndGet(times);
            return;
        }
        var queue = faults.computeIfAbsent(mchId, id -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(fault);
            }
        }
    }

    public void slowMillis(long millis) {
        this.slowMillis = millis;
    }

    /** Every query (of an order or a refund) takes at least this long (so that overlapping queries would be seen). */
    public void queryDelayMillis(long millis) {
        this.queryDelayMillis = millis;
    }

    /** Compresses the notification retry schedule (60: a 15 s wait becomes 0.25 s). */
    public void retrySpeedup(double factor) {
        this.retrySpeedup = factor;
    }

    /**
     * The payer pays: the order becomes SUCCESS with a new transaction id and success_time now; the
     * notification goes to its notify_url unless {@code deliver} is false (the lost notification).
     */
    public String pay(String mchId, String outTradeNo, boolean deliver) {
        Trade trade = ledger.computeIfAbsent(key(mchId, outTradeNo), k -> new Trade(mchId, outTradeNo));
        synchronized (trade) {
            if (trade.appId == null) {
                trade.appId = merchant(mchId).appId();
            }
            markPaid(trade);
        }
        if (deliver && trade.notifyUrl != null) {
            executor.execute(() -> deliver(trade));
        }
        return trade.transactionId;
    }

    /** An order placed at WeChat (as by a prepay elsewhere): NOTPAY, {@code total} fen. */
    public void open(String mchId, String outTradeNo, long total) {
        Trade trade = ledger.computeIfAbsent(key(mchId, outTradeNo), k -> new Trade(mchId, outTradeNo));
        synchronized (trade) {
            trade.appId = merchant(mchId).appId();
            trade.total = total;
        }
    }

    /** The signed, encrypted notification WeChat sends for the order as it stands (to deliver by hand). */
    public WechatPayTestSigner.SignedRequest notification(String mchId, String outTradeNo) {
        Trade trade = ledger.get(key(mchId, outTradeNo));
        String json;
        synchronized (trade) {
            json = transactionJson(trade);
        }
        return merchant(mchId).platform().payment(json).build();
    }

    /** The payment was refunded (the query then says REFUND). */
    public void refund(String mchId, String outTradeNo) {
        Trade trade = ledger.get(key(mchId, outTradeNo));
        synchronized (trade) {
            trade.state = "REFUND";
        }
    }

    /**
     * The status a new refund gets at once: PROCESSING (the default; {@link #settleRefund} ends it) or
     * SUCCESS, CLOSED, ABNORMAL (then its notification is sent at once too).
     */
    public void newRefundStatus(String status) {
        this.newRefundStatus = status;
    }

    /**
     * The refund ends with {@code status} (SUCCESS, CLOSED or ABNORMAL); its REFUND.* notification goes to its
     * notify_url unless {@code deliver} is false (the lost notification).
     */
    public void settleRefund(String mchId, String outRefundNo, String status, boolean deliver) {
        RefundEntry refund = refunds.get(key(mchId, outRefundNo));
        if (refund == null) {
            throw new IllegalArgumentException("the sandbox has no refund " + outRefundNo);
        }
        synchronized (refund.trade) {
            refund.status = status;
            refund.successTime = "SUCCESS".equals(status)
                    ? OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.SECONDS)
                    : null;
        }
        if (deliver && refund.notifyUrl != null) {
            executor.execute(() -> deliver(refund.notifyUrl, refundNotification(mchId, outRefundNo)));
        }
    }

    /** The signed, encrypted REFUND.* notification WeChat sends for the refund as it stands. */
    public WechatPayTestSigner.SignedRequest refundNotification(String mchId, String outRefundNo) {
        RefundEntry refund = refunds.get(key(mchId, outRefundNo));
        String json;
        String status;
        synchronized (refund.trade) {
            json = refundJson(refund, true);
            status = refund.status;
        }
        return merchant(mchId)
                .platform()
                .refund(json)
                .eventType("REFUND." + status)
                .summary(
                        switch (status) {
                            case "SUCCESS" -> "退款成功";
                            case "CLOSED" -> "退款关闭";
                            default -> "退款异常";
                        })
                .build();
    }

    /** WeChat's status of the refund, or null when it has none. */
    public String refundStatus(String mchId, String outRefundNo) {
        RefundEntry refund = refunds.get(key(mchId, outRefundNo));
        if (refund == null) {
            return null;
        }
        synchronized (refund.trade) {
            return refund.status;
        }
    }

    /** How many times the refund was queried (answered or not yet). */
    public int refundQueries(String mchId, String outRefundNo) {
        return queries(mchId, "refund:" + outRefundNo);
    }

    /** How many refunds the sandbox started (a repeated out_refund_no starts none). */
    public int refundsStarted() {
        return refunds.size();
    }

    /** How many refund requests it answered (repeats included). */
    public int refundRequests() {
        return refundRequests.get();
    }

    /** The merchant's next {@code times} bill applications come out as {@code variant}; then NORMAL again. */
    public void billVariant(String mchId, BillVariant variant, int times) {
        var queue = billVariants.computeIfAbsent(mchId, id -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(variant);
            }
        }
    }

    /**
     * The merchant's bill of {@code date} is this one (GZIP bytes and the SHA-1 of the uncompressed ones)
     * instead of one built from the ledger: for bills too large to be a ledger here. Served as GZIP only.
     */
    public void prepareBill(String mchId, java.time.LocalDate date, byte[] gzip, String sha1) {
        preparedBills.put(mchId + "/" + date, new PreparedBill(gzip, sha1));
    }

    /** How many trade bills were applied for (all merchants). */
    public int billApplications() {
        return billApplications.get();
    }

    /**
     * The merchant's ALL trade bill of {@code date} (Beijing time) from the ledger: a payment row for each
     * order paid that day (by success time), a refund row for each refund accepted that day (by its creation,
     * status as it stands).
     */
    public TradeBillWriter bill(String mchId, java.time.LocalDate date) {
        var writer = new TradeBillWriter(TradeBillWriter.Layout.ALL);
        ledger.values().stream()
                .filter(t -> t.mchId.equals(mchId))
                .sorted(java.util.Comparator.comparing(t -> t.outTradeNo))
                .forEach(t -> {
                    synchronized (t) {
                        if (t.successTime != null
                                && t.successTime
                                        .atZoneSameInstant(ZoneOffset.ofHours(8))
                                        .toLocalDate()
                                        .equals(date)) {
                            writer.add(TradeBillWriter.Line.payment(
                                    BILL_TIME.format(t.successTime.atZoneSameInstant(ZoneOffset.ofHours(8))),
                                    t.appId,
                                    t.mchId,
                                    t.transactionId,
                                    t.outTradeNo,
                                    t.total));
                        }
                    }
                });
        refunds.values().stream()
                .filter(r -> r.trade.mchId.equals(mchId))
                .sorted(java.util.Comparator.comparing(r -> r.outRefundNo))
                .forEach(r -> {
                    synchronized (r.trade) {
                        if (r.createTime.toLocalDate().equals(date)) {
                            var line = TradeBillWriter.Line.refund(
                                    BILL_TIME.format(r.createTime),
                                    r.trade.appId,
                                    r.trade.mchId,
                                    r.trade.transactionId,
                                    r.trade.outTradeNo,
                                    r.trade.total,
                                    r.refundId,
                                    r.outRefundNo,
                                    r.refund);
                            writer.add(new TradeBillWriter.Line(
                                    line.time(),
                                    line.appId(),
                                    line.mchId(),
                                    line.transactionId(),
                                    line.outTradeNo(),
                                    line.orderAmount(),
                                    line.refundId(),
                                    line.outRefundNo(),
                                    line.refundAmount(),
                                    r.status,
                                    line.product(),
                                    line.feeMilliFen(),
                                    r.successTime == null ? null : BILL_TIME.format(r.successTime)));
                        }
                    }
                });
        return writer;
    }

    /** WeChat's trade_state of the order, or null when it has none. */
    public String state(String mchId, String outTradeNo) {
        return fieldOf(mchId, outTradeNo, trade -> trade.state);
    }

    public String transactionId(String mchId, String outTradeNo) {
        return fieldOf(mchId, outTradeNo, trade -> trade.transactionId);
    }

    public String prepayId(String mchId, String outTradeNo) {
        return fieldOf(mchId, outTradeNo, trade -> trade.prepayId);
    }

    public String notifyUrl(String mchId, String outTradeNo) {
        return fieldOf(mchId, outTradeNo, trade -> trade.notifyUrl);
    }

    private String fieldOf(String mchId, String outTradeNo, java.util.function.Function<Trade, String> field) {
        Trade trade = ledger.get(key(mchId, outTradeNo));
        if (trade == null) {
            return null;
        }
        synchronized (trade) {
            return field.apply(trade);
        }
    }

    public int queries(String mchId, String outTradeNo) {
        AtomicInteger count = queries.get(key(mchId, outTradeNo));
        return count == null ? 0 : count.get();
    }

    public int totalQueries() {
        return queries.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The most queries of one order the sandbox ever answered at the same time. */
    public int maxConcurrentQueriesOfOneOrder() {
        return maxInFlightPerOrder.get();
    }

    /** Requests refused with 401 SIGN_ERROR. */
    public int signErrors() {
        return signErrors.get();
    }

    // ---- the protocol ----

    private void handle(Exchange exchange) throws IOException {
        {
            byte[] body = exchange.body();
            String method = exchange.method();
            URI uri = exchange.uri();
            String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            Merchant merchant = authenticate(exchange, method, pathAndQuery, body);
            if (merchant == null) {
                signErrors.incrementAndGet();
                error(exchange, null, 401, "SIGN_ERROR", "签名错误");
                return;
            }
            Fault fault = nextFault(merchant.mchId());
            if (fault != null && answeredByFault(exchange, merchant, fault)) {
                return;
            }
            Matcher close = CLOSE_PATH.matcher(uri.getRawPath());
            Matcher query = QUERY_PATH.matcher(uri.getRawPath());
            Matcher refundQuery = REFUND_QUERY_PATH.matcher(uri.getRawPath());
            if (method.equals("POST") && uri.getRawPath().equals("/v3/pay/transactions/jsapi")) {
                prepay(exchange, merchant, body, fault);
            } else if (method.equals("POST") && close.matches()) {
                close(exchange, merchant, decode(close.group(1)), body, fault);
            } else if (method.equals("GET") && query.matches()) {
                query(exchange, merchant, decode(query.group(1)), uri.getRawQuery(), fault);
            } else if (method.equals("GET") && uri.getRawPath().equals(BILL_PATH)) {
                applyBill(exchange, merchant, uri.getRawQuery(), fault);
            } else if (method.equals("GET") && uri.getRawPath().equals(DOWNLOAD_PATH)) {
                byte[] file = billFiles.get(merchant.mchId() + "/" + uri.getRawQuery());
                if (file == null) {
                    error(exchange, merchant, 404, "RESOURCE_NOT_EXISTS", "账单文件不存在");
                } else {
                    // the file itself is not signed: no Wechatpay-* headers
                    exchange.respond(
                            200, Map.of("Request-ID", requestId(), "Content-Type", "application/octet-stream"), file);
                }
            } else if (method.equals("POST") && uri.getRawPath().equals(REFUNDS_PATH)) {
                refund(exchange, merchant, body, fault);
            } else if (method.equals("GET") && refundQuery.matches()) {
                queryRefund(exchange, merchant, decode(refundQuery.group(1)), fault);
            } else {
                error(exchange, merchant, 404, "RESOURCE_NOT_EXISTS", "no such API");
            }
        }
    }

    /** The merchant whose API key signed this request exactly as WeChat requires, or null. */
    private Merchant authenticate(Exchange exchange, String method, String pathAndQuery, byte[] body) {
        String header = exchange.requestHeaders().get("Authorization");
        String schema = "WECHATPAY2-SHA256-RSA2048 ";
        if (header == null || !header.startsWith(schema)) {
            return null;
        }
        Map<String, String> pairs = new HashMap<>();
        Matcher pair = AUTH_PAIR.matcher(header.substring(schema.length()));
        while (pair.find()) {
            pairs.put(pair.group(1), pair.group(2));
        }
        Merchant merchant = pairs.get("mchid") == null ? null : merchants.get(pairs.get("mchid"));
        if (merchant == null
                || pairs.get("nonce_str") == null
                || pairs.get("timestamp") == null
                || pairs.get("signature") == null
                || !merchant.merchantSerial().equalsIgnoreCase(pairs.get("serial_no"))) {
            return null;
        }
        String message = method + "\n" + pathAndQuery + "\n" + pairs.get("timestamp") + "\n" + pairs.get("nonce_str")
                + "\n" + new String(body, StandardCharsets.UTF_8) + "\n";
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(merchant.merchantKey());
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(pairs.get("signature"))) ? merchant : null;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private Fault nextFault(String mchId) {
        var queue = faults.get(mchId);
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            return queue.poll();
        }
    }

    /** True when the fault is the whole answer. */
    private boolean answeredByFault(Exchange exchange, Merchant merchant, Fault fault) throws IOException {
        switch (fault) {
            case RATE_LIMITED -> error(exchange, merchant, 429, "FREQUENCY_LIMITED", "频率超限");
            case SERVER_ERROR -> error(exchange, merchant, 500, "SYSTEM_ERROR", "系统错误");
            case HTML_ERROR -> exchange.respond(
                    502,
                    Map.of("Content-Type", "text/html"),
                    "<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(StandardCharsets.UTF_8));
            case SLOW -> {
                try {
                    Thread.sleep(slowMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void prepay(Exchange exchange, Merchant merchant, byte[] body, Fault fault) throws IOException {
        JsonObject request;
        try (var reader = JSON.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            request = reader.readObject();
        } catch (RuntimeException e) {
            error(exchange, merchant, 400, "PARAM_ERROR", "body is not JSON");
            return;
        }
        String outTradeNo = request.getString("out_trade_no", null);
        String openId =
                request.containsKey("payer") ? request.getJsonObject("payer").getString("openid", null) : null;
        if (outTradeNo == null
                || openId == null
                || request.getString("description", null) == null
                || request.getString("notify_url", null) == null
                || !request.containsKey("amount")) {
            error(exchange, merchant, 400, "PARAM_ERROR", "missing parameter");
            return;
        }
        if (!request.getString("time_expire", "")
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d")) {
            error(exchange, merchant, 400, "PARAM_ERROR", "time_expire must be yyyy-MM-DDTHH:mm:ss+TIMEZONE");
            return;
        }
        if (!merchant.appId().equals(request.getString("appid", null))
                || !merchant.mchId().equals(request.getString("mchid", null))) {
            error(exchange, merchant, 400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配");
            return;
        }
        Trade trade =
                ledger.computeIfAbsent(key(merchant.mchId(), outTradeNo), k -> new Trade(merchant.mchId(), outTradeNo));
        String prepayId;
        synchronized (trade) {
            if (!trade.state.equals("NOTPAY")) {
                error(exchange, merchant, 400, trade.state.equals("CLOSED") ? "ORDER_CLOSED" : "ORDERPAID", "订单状态错误");
                return;
            }
            if (trade.prepayId == null || !openId.equals(trade.openId)) {
                trade.prepayId = "wx" + randomDigits(32);
            }
            trade.appId = merchant.appId();
            trade.openId = openId;
            trade.description = request.getString("description");
            trade.notifyUrl = request.getString("notify_url");
            trade.total = request.getJsonObject("amount").getJsonNumber("total").longValueExact();
            trade.currency = request.getJsonObject("amount").getString("currency", "CNY");
            prepayId = trade.prepayId;
        }
        ok(
                exchange,
                merchant,
                200,
                JSON.createObjectBuilder().add("prepay_id", prepayId).build().toString(),
                fault);
    }

    private void query(Exchange exchange, Merchant merchant, String outTradeNo, String rawQuery, Fault fault)
            throws IOException {
        if (rawQuery == null || !rawQuery.equals("mchid=" + merchant.mchId())) {
            error(exchange, merchant, 400, "PARAM_ERROR", "mchid is missing or not the caller's");
            return;
        }
        String key = key(merchant.mchId(), outTradeNo);
        queries.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        AtomicInteger now = inFlight.computeIfAbsent(key, k -> new AtomicInteger());
        maxInFlightPerOrder.accumulateAndGet(now.incrementAndGet(), Math::max);
        try {
            if (queryDelayMillis > 0) {
                Thread.sleep(queryDelayMillis);
            }
            Trade trade = ledger.get(key);
            if (trade == null) {
                error(exchange, merchant, 404, "ORDER_NOT_EXIST", "订单不存在");
                return;
            }
            String json;
            synchronized (trade) {
                json = transactionJson(trade);
            }
            ok(exchange, merchant, 200, json, fault);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            now.decrementAndGet();
        }
    }

    private void close(Exchange exchange, Merchant merchant, String outTradeNo, byte[] body, Fault fault)
            throws IOException {
        String mchId;
        try (var reader = JSON.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            mchId = reader.readObject().getString("mchid", null);
        } catch (RuntimeException e) {
            mchId = null;
        }
        if (!merchant.mchId().equals(mchId)) {
            error(exchange, merchant, 400, "PARAM_ERROR", "mchid is missing or not the caller's");
            return;
        }
        Trade trade = ledger.get(key(merchant.mchId(), outTradeNo));
        if (trade != null) {
            synchronized (trade) {
                AtomicInteger racing = payDuringClose.get(merchant.mchId());
                if (trade.state.equals("NOTPAY")
                        && racing != null
                        && racing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    markPaid(trade); // the payer was quicker than the close
                } else if (trade.state.equals("SUCCESS") || trade.state.equals("REFUND")) {
                    error(exchange, merchant, 400, "ORDERPAID", "订单已支付");
                    return;
                } else {
                    trade.state = "CLOSED";
                }
            }
        }
        ok(exchange, merchant, 204, "", fault);
    }

    /**
     * {@code POST /v3/refund/domestic/refunds}: a refund of a paid order, at most what is left of it; the same
     * out_refund_no again answers the refund it started (another amount: 400 INVALID_REQUEST).
     */
    private void refund(Exchange exchange, Merchant merchant, byte[] body, Fault fault) throws IOException {
        refundRequests.incrementAndGet();
        JsonObject request;
        try (var reader = JSON.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            request = reader.readObject();
        } catch (RuntimeException e) {
            error(exchange, merchant, 400, "PARAM_ERROR", "body is not JSON");
            return;
        }
        String outTradeNo = request.getString("out_trade_no", null);
        String outRefundNo = request.getString("out_refund_no", null);
        JsonObject amount = request.containsKey("amount") ? request.getJsonObject("amount") : null;
        if (outTradeNo == null
                || outRefundNo == null
                || !outRefundNo.matches("[0-9A-Za-z_\\-|*@]{1,64}")
                || amount == null
                || !amount.containsKey("refund")
                || !amount.containsKey("total")
                || !"CNY".equals(amount.getString("currency", null))
                || (request.containsKey("reason") && request.getString("reason").length() > 80)) {
            error(exchange, merchant, 400, "PARAM_ERROR", "参数错误");
            return;
        }
        long refund = amount.getJsonNumber("refund").longValueExact();
        long total = amount.getJsonNumber("total").longValueExact();
        Trade trade = ledger.get(key(merchant.mchId(), outTradeNo));
        if (trade == null) {
            error(exchange, merchant, 404, "RESOURCE_NOT_EXISTS", "订单不存在");
            return;
        }
        String json;
        RefundEntry entry;
        synchronized (trade) {
            entry = refunds.get(key(merchant.mchId(), outRefundNo));
            if (entry != null && (entry.refund != refund || entry.trade != trade)) {
                error(exchange, merchant, 400, "INVALID_REQUEST", "请求参数符合参数格式，但不符合业务规则");
                return;
            }
            if (entry == null) {
                if (!trade.state.equals("SUCCESS") && !trade.state.equals("REFUND")) {
                    error(exchange, merchant, 400, "INVALID_REQUEST", "订单未支付");
                    return;
                }
                long refunded = refunds.values().stream()
                        .filter(r -> r.trade == trade && !r.status.equals("CLOSED") && !r.status.equals("ABNORMAL"))
                        .mapToLong(r -> r.refund)
                        .sum();
                if (total != trade.total || refund <= 0 || refunded + refund > trade.total) {
                    error(exchange, merchant, 400, "INVALID_REQUEST", "申请退款金额超过订单可退金额");
                    return;
                }
                entry = new RefundEntry(trade, outRefundNo, refund, request.getString("notify_url", null));
                entry.status = newRefundStatus;
                if (entry.status.equals("SUCCESS")) {
                    entry.successTime =
                            OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.SECONDS);
                }
                refunds.put(key(merchant.mchId(), outRefundNo), entry);
                trade.state = "REFUND";
                if (!entry.status.equals("PROCESSING") && entry.notifyUrl != null) {
                    String mchId = merchant.mchId();
                    executor.execute(() -> deliver(
                            refunds.get(key(mchId, outRefundNo)).notifyUrl, refundNotification(mchId, outRefundNo)));
                }
            }
            json = refundJson(entry, false);
        }
        ok(exchange, merchant, 200, json, fault);
    }

    /** {@code GET /v3/refund/domestic/refunds/{out_refund_no}}: 404 RESOURCE_NOT_EXISTS for an unknown one. */
    private void queryRefund(Exchange exchange, Merchant merchant, String outRefundNo, Fault fault) throws IOException {
        queries.computeIfAbsent(key(merchant.mchId(), "refund:" + outRefundNo), k -> new AtomicInteger())
                .incrementAndGet();
        if (queryDelayMillis > 0) {
            try {
                Thread.sleep(queryDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        RefundEntry entry = refunds.get(key(merchant.mchId(), outRefundNo));
        if (entry == null) {
            error(exchange, merchant, 404, "RESOURCE_NOT_EXISTS", "退款单不存在");
            return;
        }
        String json;
        synchronized (entry.trade) {
            json = refundJson(entry, false);
        }
        ok(exchange, merchant, 200, json, fault);
    }

    /**
     * A refund as WeChat writes it: in an answer {@code status} and no mchid; in a notification's resource
     * {@code mchid} and {@code refund_status}.
     */
    static String refundJson(RefundEntry r, boolean notification) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        if (notification) {
            json.add("mchid", r.trade.mchId);
        }
        json.add("refund_id", r.refundId)
                .add("out_refund_no", r.outRefundNo)
                .add("transaction_id", r.trade.transactionId)
                .add("out_trade_no", r.trade.outTradeNo)
                .add("channel", "ORIGINAL")
                .add("user_received_account", "支付用户零钱")
                .add("create_time", r.createTime.toString())
                .add(notification ? "refund_status" : "status", r.status)
                .add("funds_account", "AVAILABLE");
        if (r.successTime != null) {
            json.add("success_time", r.successTime.toString());
        }
        var amount = JSON.createObjectBuilder()
                .add("total", r.trade.total)
                .add("refund", r.refund)
                .add("payer_total", r.trade.total)
                .add("payer_refund", r.refund);
        if (!notification) {
            amount.add("settlement_refund", r.refund)
                    .add("settlement_total", r.trade.total)
                    .add("discount_refund", 0)
                    .add("currency", r.trade.currency)
                    .add("refund_fee", 0)
                    .add("from", JSON.createArrayBuilder());
        }
        json.add("amount", amount);
        if (!notification) {
            json.add("promotion_detail", JSON.createArrayBuilder());
        }
        return json.build().toString();
    }

    /** {@code GET /v3/bill/tradebill?bill_date=&bill_type=ALL[&tar_type=GZIP]}: the hash and a download URL. */
    private void applyBill(Exchange exchange, Merchant merchant, String rawQuery, Fault fault) throws IOException {
        billApplications.incrementAndGet();
        Map<String, String> query = new HashMap<>();
        for (String pair : (rawQuery == null ? "" : rawQuery).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        java.time.LocalDate date;
        try {
            date = java.time.LocalDate.parse(query.getOrDefault("bill_date", ""));
        } catch (java.time.format.DateTimeParseException e) {
            error(exchange, merchant, 400, "PARAM_ERROR", "bill_date 格式错误");
            return;
        }
        if (!"ALL".equals(query.get("bill_type"))) {
            error(exchange, merchant, 400, "PARAM_ERROR", "only ALL bills are served here");
            return;
        }
        boolean gzip = "GZIP".equals(query.get("tar_type"));
        BillVariant variant;
        var queue = billVariants.get(merchant.mchId());
        synchronized (queue == null ? this : queue) {
            variant = queue == null || queue.isEmpty() ? BillVariant.NORMAL : queue.poll();
        }
        if (variant == BillVariant.NO_STATEMENT) {
            error(exchange, merchant, 400, "NO_STATEMENT_EXIST", "当日无交易");
            return;
        }
        if (variant == BillVariant.CREATING) {
            error(exchange, merchant, 400, "STATEMENT_CREATING", "账单生成中");
            return;
        }
        var prepared = preparedBills.get(merchant.mchId() + "/" + date);
        if (prepared != null && gzip) {
            String token = "token=" + UUID.randomUUID().toString().replace("-", "");
            billFiles.put(merchant.mchId() + "/" + token, prepared.gzip());
            ok(
                    exchange,
                    merchant,
                    200,
                    JSON.createObjectBuilder()
                            .add("hash_type", "SHA1")
                            .add("hash_value", prepared.sha1())
                            .add("download_url", baseUrl() + DOWNLOAD_PATH + "?" + token)
                            .build()
                            .toString(),
                    fault);
            return;
        }
        var writer = bill(merchant.mchId(), date);
        if (variant == BillVariant.CRLF_BOM) {
            writer.crlf().bom();
        }
        String text = writer.text();
        if (variant == BillVariant.EXTRA_COMMA) {
            text = text.replaceFirst("`一杯咖啡", "`一杯咖啡,加奶");
        }
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        String hash;
        try {
            hash = java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (variant == BillVariant.CORRUPT_HASH) {
            hash = (hash.charAt(0) == '0' ? "1" : "0") + hash.substring(1);
        }
        byte[] file = plain;
        if (gzip) {
            var out = new java.io.ByteArrayOutputStream();
            try (var zip = new java.util.zip.GZIPOutputStream(out)) {
                zip.write(plain);
            }
            file = out.toByteArray();
        }
        String token = "token=" + UUID.randomUUID().toString().replace("-", "");
        billFiles.put(merchant.mchId() + "/" + token, file);
        ok(
                exchange,
                merchant,
                200,
                JSON.createObjectBuilder()
                        .add("hash_type", "SHA1")
                        .add("hash_value", hash.toUpperCase(Locale.ROOT))
                        .add("download_url", baseUrl() + DOWNLOAD_PATH + "?" + token)
                        .build()
                        .toString(),
                fault);
    }

    private static void markPaid(Trade trade) {
        if (trade.state.equals("NOTPAY")) {
            trade.state = "SUCCESS";
            trade.transactionId = "42000" + randomDigits(23);
            trade.successTime = OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.SECONDS);
        }
    }

    /** The order as WeChat's query answers it: an unpaid one without transaction id, time or payer. */
    static String transactionJson(Trade trade) {
        JsonObjectBuilder amount =
                JSON.createObjectBuilder().add("total", trade.total).add("currency", trade.currency);
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("appid", trade.appId)
                .add("mchid", trade.mchId)
                .add("out_trade_no", trade.outTradeNo)
                .add("trade_state", trade.state)
                .add(
                        "trade_state_desc",
                        switch (trade.state) {
                            case "SUCCESS" -> "支付成功";
                            case "REFUND" -> "转入退款";
                            case "CLOSED" -> "订单已关闭";
                            default -> "订单未支付";
                        });
        if (trade.transactionId != null) {
            json.add("transaction_id", trade.transactionId)
                    .add("trade_type", "JSAPI")
                    .add("bank_type", "OTHERS")
                    .add("attach", "")
                    .add("success_time", trade.successTime.toString())
                    .add(
                            "payer",
                            JSON.createObjectBuilder()
                                    .add("openid", trade.openId == null ? "o" + randomDigits(27) : trade.openId));
            amount.add("payer_total", trade.total).add("payer_currency", trade.currency);
        }
        return json.add("amount", amount)
                .add("promotion_detail", JSON.createArrayBuilder())
                .build()
                .toString();
    }

    /** Delivers the payment notification, retrying a non-2xx answer on WeChat's schedule (compressed). */
    private void deliver(Trade trade) {
        deliver(trade.notifyUrl, notification(trade.mchId, trade.outTradeNo));
    }

    /** Delivers a notification, retrying a non-2xx answer on WeChat's schedule (compressed). */
    private void deliver(String notifyUrl, WechatPayTestSigner.SignedRequest notification) {
        URI target = URI.create(notifyUrl);
        if (notifyBase != null) {
            target = URI.create(notifyBase + target.getRawPath());
        }
        for (int attempt = 0; attempt <= NOTIFY_RETRIES.length; attempt++) {
            try {
                var request = HttpRequest.newBuilder(target)
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(notification.body()))
                        .header("Content-Type", "application/json");
                notification.headers().forEach((name, values) -> values.forEach(v -> request.header(name, v)));
                int status = notifier.send(request.build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status / 100 == 2) {
                    return;
                }
            } catch (IOException e) {
                // retried like any failure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt < NOTIFY_RETRIES.length) {
                try {
                    Thread.sleep((long) (NOTIFY_RETRIES[attempt] * 1000 / retrySpeedup));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A signed answer, as WeChat signs them: {@code timestamp\nnonce\nbody\n} with the platform key. */
    private void ok(Exchange exchange, Merchant merchant, int status, String json, Fault fault) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        WechatPayTestSigner.SigningKey key = merchant.platform().key();
        long time = Instant.now().getEpochSecond() - (fault == Fault.STALE_TIMESTAMP ? 600 : 0);
        String timestamp = Long.toString(time);
        String nonce = randomDigits(32);
        byte[] signed = fault == Fault.BAD_SIGNATURE ? "{}".getBytes(StandardCharsets.UTF_8) : body;
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Request-ID", requestId());
        headers.put("Wechatpay-Timestamp", timestamp);
        headers.put("Wechatpay-Nonce", nonce);
        headers.put(
                "Wechatpay-Serial",
                fault == Fault.UNKNOWN_SERIAL ? "PUB_KEY_ID_0000000000000000000000000000" : key.serial());
        headers.put(
                "Wechatpay-Signature",
                Base64.getEncoder()
                        .encodeToString(WechatPayTestSigner.sign(key.privateKey(), timestamp, nonce, signed)));
        if (status != 204) {
            headers.put("Content-Type", "application/json; charset=utf-8");
        }
        exchange.respond(status, headers, body);
    }

    /** WeChat's error body; not signed (the official SDK does not check error answers either). */
    private static void error(Exchange exchange, Merchant merchant, int status, String code, String message)
            throws IOException {
        byte[] body = JSON.createObjectBuilder()
                .add("code", code)
                .add("message", message)
                .build()
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        exchange.respond(
                status, Map.of("Request-ID", requestId(), "Content-Type", "application/json; charset=utf-8"), body);
    }

    private static String requestId() {
        return UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
    }

    private Merchant merchant(String mchId) {
        Merchant merchant = merchants.get(mchId);
        if (merchant == null) {
            throw new IllegalArgumentException("the sandbox knows no merchant " + mchId);
        }
        return merchant;
    }

    private static String key(String mchId, String outTradeNo) {
        return mchId + "/" + outTradeNo;
    }

    private static String decode(String segment) {
        return java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String randomDigits(int n) {
        StringBuilder digits = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return digits.toString();
    }
}
