package com.minishop.tools;

import com.minishop.payment.wechat.WechatPayTestSigner;
import com.minishop.payment.wechat.WechatPayTestSigner.SignedRequest;
import com.minishop.payment.wechat.WechatPayTestSigner.SigningKey;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plays WeChat Pay against a running service, for people: provisions a demo merchant account with
 * freshly generated keys (kept in {@code .data/simulator/}, test-only, never committed), creates orders,
 * and sends real signed and encrypted notifications exactly as WeChat would, including duplicates and
 * WeChat's retries of a non-2xx answer (its schedule, compressed by a factor). Prints what it sent, what
 * came back, and the order afterwards. Run through {@code ./simulate.sh}; {@code help} lists the commands.
 */
public final class WechatPaySimulator {

    /** WeChat Pay's retry schedule after a non-2xx answer, in seconds (24 h 4 m in all). */
    static final int[] RETRY_SCHEDULE = {
        15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600
    };

    private static final String USAGE =
            """
            usage: ./simulate.sh <command> [options]

            commands:
              demo      setup + order + payment + partial refund + the rest: 待支付 -> 已支付 -> 已退款
              setup     provision the tenant's demo merchant account (new keys unless kept ones exist)
              order     create an order                     (--amount, --order-no)
              pay       send TRANSACTION.SUCCESS for an order (--order-no, --amount, --duplicates)
              refund    send REFUND.SUCCESS for an order      (--order-no, --amount, --total, --refund-no)
              show      print an order                        (--order-no)
              asking    WeChat Pay asked, not awaited: runs the WeChat Pay sandbox on --sandbox-port, gives
                        the tenant API access, prepays an order, pays it with the notification lost and
                        waits for the sweep (or --sync) to make it 已支付; then an order past its expiry
                        becomes 已关闭. Start the service for it with
                          PAYMENT_WECHATPAY_API_URL=http://127.0.0.1:8090 PAYMENT_PUBLIC_URL=http://localhost:8080 \
                          PAYMENT_QUERY_SCHEDULE=5,10,30 PAYMENT_CLOSE_AFTER_SECONDS=5 ./run.sh
              start-refund  start a refund through the service's API (POST .../refunds), which asks WeChat
                        Pay for it                    (--order-no, --amount, --refund-no)
              reconcile a day reconciled (start the service as for asking, but PAYMENT_QUERY_SCHEDULE=3600
                        so that the sweep does not find the lost payment first): runs the sandbox, pays an order with the
                        notification lost, reconciles today (POST .../reconciliations/{date}) and prints
                        the report (the order 已支付, the discrepancy APPLIED); then refunds part of the order
                        through the API and the sandbox completes it (REFUND.SUCCESS)

            options:
              --url URL            service base URL              (default http://localhost:8080)
              --tenant ID          tenant id                      (default 1)
              --user NAME          admin user                     (default $PAYMENT_ADMIN_USER or admin)
              --password PW        admin password                 (default $PAYMENT_ADMIN_PASSWORD)
              --order-no NO        order number (6-32 of 0-9 A-Z a-z _-|*)
              --amount FEN         amount in fen                  (default 100)
              --total FEN          order total for a refund       (default: the order's)
              --refund-no NO       out_refund_no                  (default: random)
              --duplicates N       send N extra copies of each notification (default 0)
              --retry-speedup F    on a non-2xx answer, retry on WeChat's schedule divided by F
                                   (default 0: no retries; 60 makes 15 s into 0.25 s)
              --new-keys           replace kept keys with fresh ones at setup
              --curl               also print each notification as a curl command
              --curl-only          print the curl command instead of sending (try it by hand)
              --sandbox-port PORT  asking: the sandbox's port       (default 8090)
              --sync               asking: ask WeChat at once (sync) instead of waiting for the sweep
            """;

    private final Map<String, String> options;
    private final String base;
    private final long tenant;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String authorization;

    private WechatPaySimulator(Map<String, String> options) {
        this.options = options;
        this.base = options.getOrDefault("url", "http://localhost:8080").replaceAll("/+$", "");
        this.tenant = Long.parseLong(options.getOrDefault("tenant", "1"));
        String user = options.getOrDefault("user", System.getenv().getOrDefault("PAYMENT_ADMIN_USER", "admin"));
        String password = options.getOrDefault("password", System.getenv("PAYMENT_ADMIN_PASSWORD"));
        if (password == null || password.isBlank()) {
            throw new UsageException("give the admin password: --password or PAYMENT_ADMIN_PASSWORD");
        }
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A mistake in the command line: the usage is printed with it. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        try {
            if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
                System.out.println(USAGE);
                return;
            }
            var simulator = new WechatPaySimulator(parse(args));
            System.exit(simulator.run(args[0]) ? 0 : 1);
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
        } catch (IOException e) {
            System.err.println("error: cannot reach the service: " + e);
            System.exit(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(130);
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            switch (name) {
                case "new-keys", "curl", "curl-only", "sync" -> options.put(name, "true");
                case "url",
                        "tenant",
                        "user",
                        "password",
                        "order-no",
                        "amount",
                        "total",
                        "refund-no",
                        "duplicates",
                        "retry-speedup",
                        "sandbox-port" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException(arg + " needs a value");
                    }
                    options.put(name, args[++i]);
                }
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        for (String number : List.of("tenant", "amount", "total", "duplicates")) {
            if (options.containsKey(number) && !options.get(number).matches("[0-9]{1,18}")) {
                throw new UsageException("--" + number + " must be a whole number");
            }
        }
        if (options.containsKey("retry-speedup")
                && !options.get("retry-speedup").matches("[0-9]+(\\.[0-9]+)?")) {
            throw new UsageException("--retry-speedup must be a number");
        }
        return options;
    }

    private boolean run(String command) throws IOException, InterruptedException {
        return switch (command) {
            case "setup" -> setup() != null;
            case "order" -> createOrder(orderNo(), amount()) != null;
            case "pay" -> pay(setupOrKept(), requireOrderNo(), amount());
            case "refund" -> refund(setupOrKept(), requireOrderNo(), amount());
            case "show" -> show(requireOrderNo()) != null;
            case "demo" -> demo();
            case "asking" -> asking();
            case "start-refund" -> startRefund(requireOrderNo(), amount()) != null;
            case "reconcile" -> reconcile();
            default -> throw new UsageException("unknown command " + command);
        };
    }

    private boolean demo() throws IOException, InterruptedException {
        Demo wechat = setup();
        long amount = amount();
        String orderNo = orderNo();
        if (createOrder(orderNo, amount) == null) {
            return false;
        }
        boolean ok = pay(wechat, orderNo, amount);
        long part = Math.max(1, amount / 4);
        ok &= refundOf(wechat, orderNo, amount, part, "RF" + shortId());
        if (part < amount) {
            ok &= refundOf(wechat, orderNo, amount, amount - part, "RF" + shortId());
        }
        return ok;
    }

    /**
     * The tenant gets API access with the sandbox's merchant, an order is created and prepaid, and the payer pays it at
     * WeChat Pay with the notification lost. Answers the order number, or null (said why) when a step failed.
     */
    private String paidWithNotificationLost(WechatPaySandbox sandbox, WechatPaySandbox.NewMerchant merchant)
            throws IOException, InterruptedException {
        var account = send(admin("/api/v1/admin/tenants/" + tenant + "/wechatpay")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(merchant.accountJson())));
        System.out.println("setup tenant " + tenant + ": merchant account with API access (certificate "
                + merchant.merchant().merchantSerial() + ") -> " + account.statusCode());
        if (account.statusCode() != 200) {
            System.out.println("  " + account.body());
            return null;
        }
        String paid = orderNo();
        if (createOrder(paid, amount(), null) == null || !prepay(paid)) {
            return null;
        }
        sandbox.pay(merchant.merchant().mchId(), paid, false);
        System.out.println("the payer paid " + paid + " at WeChat Pay; the notification is lost");
        return paid;
    }

    /**
     * Prepay → pay with the notification lost → the sweep (or a sync) makes the order 已支付; an order past
     * its expiry becomes 已关闭. WeChat Pay is the sandbox, in this process.
     */
    private boolean asking() throws IOException, InterruptedException {
        int port = Integer.parseInt(options.getOrDefault("sandbox-port", "8090"));
        try (var sandbox = WechatPaySandbox.start(port)) {
            System.out.println("WeChat Pay sandbox at " + sandbox.baseUrl()
                    + " (the service must run with PAYMENT_WECHATPAY_API_URL=" + sandbox.baseUrl() + ")");
            var merchant =
                    sandbox.newMerchant("wxd0000000000" + tenant, "19" + String.format("%08d", tenant % 100_000_000L));
            String paid = paidWithNotificationLost(sandbox, merchant);
            if (paid == null) {
                return false;
            }
            if (options.containsKey("sync")) {
                var sync = send(admin("/api/v1/tenants/" + tenant + "/orders/" + paid + "/sync")
                        .POST(HttpRequest.BodyPublishers.noBody()));
                System.out.println("sync " + paid + " -> " + sync.statusCode() + " outcome "
                        + json(sync.body()).getString("outcome", sync.body()));
            }
            boolean ok = awaitState(paid, 2, "the sweep asks WeChat Pay");
            String expiring = "EX" + shortId();
            var expiresAt = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8))
                    .plusSeconds(61)
                    .withNano(0);
            if (createOrder(expiring, amount(), expiresAt.toString()) == null || !prepay(expiring)) {
                return false;
            }
            System.out.println("nobody pays " + expiring + "; it expires at " + expiresAt);
            ok &= awaitState(expiring, 5, "the sweep closes it after its expiry");
            var calls = send(admin("/api/v1/admin/tenants/" + tenant + "/wechatpay-calls?limit=20")
                    .GET());
            System.out.println("calls to WeChat Pay (newest first):");
            for (var call :
                    Json.createReader(new java.io.StringReader(calls.body())).readArray()) {
                JsonObject c = call.asJsonObject();
                System.out.println("  " + c.getString("calledAt") + " " + c.getString("operation") + " "
                        + c.getString("outTradeNo", "") + " " + c.get("httpStatus") + " " + c.getString("outcome")
                        + " (" + c.getString("trigger") + ", Request-ID " + c.getString("requestId", "none") + ", "
                        + c.get("durationMs") + " ms)");
            }
            return ok;
        }
    }

    /** POST .../refunds: the service records the refund and asks WeChat Pay for it. */
    private JsonObject startRefund(String orderNo, long amount) throws IOException, InterruptedException {
        var body = Json.createObjectBuilder().add("amount", amount).add("reason", "simulated refund");
        if (options.containsKey("refund-no")) {
            body.add("outRefundNo", options.get("refund-no"));
        }
        var answer = send(admin("/api/v1/tenants/" + tenant + "/orders/" + orderNo + "/refunds")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.build().toString())));
        System.out.println("refund " + amount + " of " + orderNo + " -> " + answer.statusCode() + " " + answer.body());
        return answer.statusCode() / 100 == 2 ? json(answer.body()) : null;
    }

    /**
     * A day reconciled: an order paid with its notification lost, today's trade bill reconciled (the order
     * becomes 已支付, the report lists MISSING_HERE APPLIED), then a refund started through the API.
     */
    private boolean reconcile() throws IOException, InterruptedException {
        int port = Integer.parseInt(options.getOrDefault("sandbox-port", "8090"));
        try (var sandbox = WechatPaySandbox.start(port)) {
            sandbox.redirectNotifications(base);
            System.out.println("WeChat Pay sandbox at " + sandbox.baseUrl()
                    + " (the service must run with PAYMENT_WECHATPAY_API_URL=" + sandbox.baseUrl() + ")");
            var merchant =
                    sandbox.newMerchant("wxd0000000000" + tenant, "19" + String.format("%08d", tenant % 100_000_000L));
            String paid = paidWithNotificationLost(sandbox, merchant);
            if (paid == null) {
                return false;
            }
            printOrder(fetchOrder(paid));
            var day = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(8));
            var run = send(admin("/api/v1/admin/tenants/" + tenant + "/reconciliations/" + day)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            System.out.println("reconcile " + day + " -> " + run.statusCode());
            System.out.println(run.body());
            JsonObject order = fetchOrder(paid);
            printOrder(order);
            boolean ok = run.statusCode() == 200 && order.getInt("payState") == 2;
            long part = Math.max(1, amount() / 4);
            JsonObject refund = startRefund(paid, part);
            if (refund == null) {
                return false;
            }
            sandbox.settleRefund(merchant.merchant().mchId(), refund.getString("outRefundNo"), "SUCCESS", true);
            System.out.println(
                    "WeChat Pay completed refund " + refund.getString("outRefundNo") + " and sent REFUND.SUCCESS");
            long started = System.nanoTime();
            while (fetchOrder(paid).getJsonNumber("refundedAmount").longValueExact() < part
                    && System.nanoTime() - started < Duration.ofSeconds(30).toNanos()) {
                Thread.sleep(200);
            }
            printOrder(fetchOrder(paid));
            var refunds = send(admin("/api/v1/tenants/" + tenant + "/orders/" + paid + "/refunds")
                    .GET());
            System.out.println("refunds of " + paid + ": " + refunds.body());
            return ok && fetchOrder(paid).getJsonNumber("refundedAmount").longValueExact() == part;
        }
    }

    private boolean prepay(String orderNo) throws IOException, InterruptedException {
        var answer = send(admin("/api/v1/tenants/" + tenant + "/orders/" + orderNo + "/wechat-prepay")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"openid\":\"oSimulator" + tenant + "\"}")));
        System.out.println("prepay " + orderNo + " -> " + answer.statusCode() + " " + answer.body());
        return answer.statusCode() == 200;
    }

    private boolean awaitState(String orderNo, int payState, String what) throws IOException, InterruptedException {
        System.out.println("waiting until " + orderNo + " has payState " + payState + ": " + what + " ...");
        long started = System.nanoTime();
        while (System.nanoTime() - started < Duration.ofMinutes(10).toNanos()) {
            JsonObject order = fetchOrder(orderNo);
            if (order != null && order.getInt("payState") == payState) {
                System.out.println("after " + (System.nanoTime() - started) / 1_000_000_000 + " s:");
                printOrder(order);
                return true;
            }
            Thread.sleep(1000);
        }
        System.out.println("  not within 10 minutes: is the service running with the sandbox's URL?");
        return false;
    }

    /** The tenant's WeChat side: its account ids and signer. */
    record Demo(String appId, String mchId, WechatPayTestSigner signer) {}

    private Demo setup() throws IOException, InterruptedException {
        Demo demo = options.containsKey("new-keys") ? null : kept();
        if (demo == null) {
            demo = new Demo(
                    "wxd0000000000" + tenant,
                    "19" + String.format("%08d", tenant % 100_000_000L),
                    WechatPayTestSigner.create());
            keep(demo);
        }
        var key = demo.signer().key();
        var answer = send(admin("/api/v1/admin/tenants/" + tenant + "/wechatpay")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        demo.signer().merchantAccountJson(demo.appId(), demo.mchId()))));
        System.out.println("setup tenant " + tenant + ": merchant account mchid " + demo.mchId() + ", key "
                + key.serial() + " -> " + answer.statusCode());
        if (answer.statusCode() != 200) {
            System.out.println("  " + answer.body());
            return null;
        }
        return demo;
    }

    private Demo setupOrKept() throws IOException, InterruptedException {
        Demo demo = kept();
        return demo != null ? demo : setup();
    }

    private JsonObject createOrder(String orderNo, long amount) throws IOException, InterruptedException {
        return createOrder(orderNo, amount, null);
    }

    private JsonObject createOrder(String orderNo, long amount, String expiresAt)
            throws IOException, InterruptedException {
        var body = Json.createObjectBuilder()
                .add("orderNo", orderNo)
                .add("amountTotal", amount)
                .add("description", "simulator order");
        if (expiresAt != null) {
            body.add("expiresAt", expiresAt);
        }
        var answer = send(admin("/api/v1/tenants/" + tenant + "/orders")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.build().toString())));
        System.out.println("order " + orderNo + " of " + amount + " fen -> " + answer.statusCode());
        if (answer.statusCode() != 201) {
            System.out.println("  " + answer.body());
            return null;
        }
        JsonObject order = json(answer.body());
        printOrder(order);
        return order;
    }

    private boolean pay(Demo demo, String orderNo, long amount) throws IOException, InterruptedException {
        String transaction = WechatPayTestSigner.transactionJson(demo.appId(), demo.mchId(), orderNo, amount);
        return deliver(
                "TRANSACTION.SUCCESS for " + orderNo + " (" + amount + " fen)",
                demo.signer().payment(transaction).build(),
                orderNo);
    }

    private boolean refund(Demo demo, String orderNo, long amount) throws IOException, InterruptedException {
        JsonObject order = show(orderNo);
        if (order == null) {
            return false;
        }
        long total = Long.parseLong(options.getOrDefault(
                "total", String.valueOf(order.getJsonNumber("amountTotal").longValueExact())));
        return refundOf(demo, orderNo, total, amount, options.getOrDefault("refund-no", "RF" + shortId()));
    }

    private boolean refundOf(Demo demo, String orderNo, long total, long amount, String refundNo)
            throws IOException, InterruptedException {
        JsonObject order = fetchOrder(orderNo);
        String json = WechatPayTestSigner.refundJson(demo.mchId(), orderNo, refundNo, "SUCCESS", total, amount);
        if (order != null && !order.isNull("transactionId")) {
            json = json.replaceFirst(
                    "\"transaction_id\":\"[0-9]+\"", "\"transaction_id\":\"" + order.getString("transactionId") + "\"");
        }
        return deliver(
                "REFUND.SUCCESS " + refundNo + " of " + amount + "/" + total + " fen for " + orderNo,
                demo.signer().refund(json).build(),
                orderNo);
    }

    /** Sends a notification (and its duplicates), retrying a non-2xx answer on WeChat's schedule. */
    private boolean deliver(String what, SignedRequest request, String orderNo)
            throws IOException, InterruptedException {
        String url = base + "/api/v1/payments/wechat/notify/" + tenant;
        if (options.containsKey("curl") || options.containsKey("curl-only")) {
            System.out.println(request.toCurl(url));
            if (options.containsKey("curl-only")) {
                return true;
            }
        }
        int copies = 1 + Integer.parseInt(options.getOrDefault("duplicates", "0"));
        double speedup = Double.parseDouble(options.getOrDefault("retry-speedup", "0"));
        boolean accepted = false;
        for (int copy = 1; copy <= copies; copy++) {
            for (int attempt = 0; ; attempt++) {
                var answer = post(url, request);
                System.out.println("sent " + what + (copies > 1 ? " [copy " + copy + "/" + copies + "]" : "")
                        + (attempt > 0 ? " [retry " + attempt + "]" : "") + " -> " + answer.statusCode()
                        + (answer.body().isEmpty() ? "" : " " + answer.body()));
                boolean ok = answer.statusCode() / 100 == 2;
                accepted |= ok;
                if (ok || speedup <= 0 || attempt >= RETRY_SCHEDULE.length) {
                    break;
                }
                long waitMillis = (long) (RETRY_SCHEDULE[attempt] * 1000 / speedup);
                System.out.println(
                        "  WeChat retries in " + RETRY_SCHEDULE[attempt] + " s (" + waitMillis + " ms here)");
                Thread.sleep(waitMillis);
            }
        }
        show(orderNo);
        return accepted;
    }

    private JsonObject show(String orderNo) throws IOException, InterruptedException {
        JsonObject order = fetchOrder(orderNo);
        if (order != null) {
            printOrder(order);
        }
        return order;
    }

    private JsonObject fetchOrder(String orderNo) throws IOException, InterruptedException {
        var answer =
                send(admin("/api/v1/tenants/" + tenant + "/orders/" + orderNo).GET());
        if (answer.statusCode() != 200) {
            System.out.println("order " + orderNo + " -> " + answer.statusCode() + " " + answer.body());
            return null;
        }
        return json(answer.body());
    }

    private static void printOrder(JsonObject order) {
        System.out.println("  order " + order.getString("orderNo") + ": " + order.getString("orderStatusLabel") + " ("
                + order.getString("orderStatus") + ", payState " + order.getInt("payState") + "), refunded "
                + order.getJsonNumber("refundedAmount") + " of " + order.getJsonNumber("amountTotal") + " fen"
                + (order.isNull("transactionId") ? "" : ", transaction " + order.getString("transactionId")));
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String url, SignedRequest request) throws IOException, InterruptedException {
        var builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        return send(builder);
    }

    private long amount() {
        return Long.parseLong(options.getOrDefault("amount", "100"));
    }

    private String orderNo() {
        return options.getOrDefault("order-no", "SIM" + shortId());
    }

    private String requireOrderNo() {
        String orderNo = options.get("order-no");
        if (orderNo == null) {
            throw new UsageException("give --order-no");
        }
        return orderNo;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    // ---- the tenant's demo keys, kept between runs (test-only keys, in the git-ignored .data/) ----

    private Path keyFile() {
        return Path.of(System.getProperty("project.dir", ".")).resolve(".data/simulator/tenant-" + tenant + ".json");
    }

    private Demo kept() throws IOException {
        Path file = keyFile();
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonObject saved = json(Files.readString(file));
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            var pair = new KeyPair(
                    rsa.generatePublic(
                            new X509EncodedKeySpec(Base64.getDecoder().decode(saved.getString("publicKey")))),
                    rsa.generatePrivate(
                            new PKCS8EncodedKeySpec(Base64.getDecoder().decode(saved.getString("privateKey")))));
            SigningKey key = WechatPayTestSigner.newPublicKey(saved.getString("serial"), pair);
            return new Demo(
                    saved.getString("appId"),
                    saved.getString("mchId"),
                    new WechatPayTestSigner(saved.getString("apiV3Key"), key));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " does not hold usable keys; run setup --new-keys", e);
        }
    }

    private void keep(Demo demo) throws IOException {
        Path file = keyFile();
        Files.createDirectories(file.getParent());
        var key = demo.signer().key();
        var saved = Json.createObjectBuilder()
                .add("warning", "TEST-ONLY keys generated by the simulator; never use them for real money")
                .add("appId", demo.appId())
                .add("mchId", demo.mchId())
                .add("apiV3Key", demo.signer().apiV3Key())
                .add("serial", key.serial())
                .add(
                        "publicKey",
                        Base64.getEncoder()
                                .encodeToString(key.keyPair().getPublic().getEncoded()))
                .add(
                        "privateKey",
                        Base64.getEncoder()
                                .encodeToString(key.keyPair().getPrivate().getEncoded()))
                .build();
        Files.writeString(file, saved.toString());
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
    }
}
