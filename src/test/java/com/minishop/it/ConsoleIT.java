package com.minishop.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.payment.wechat.WechatPayTestSigner;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operations console in a real headless Chromium against the service in Payara Micro: sign-in,
 * deliveries and their filters, needs attention, an order's story, hostile data rendered as text, no
 * secret in the page, and the security headers and cross-site refusal of the API behind it. Every test
 * leaves a screenshot in {@code target/console-screenshots/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleIT {

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void browser() {
        driver = BROWSER.driver();
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
    }

    private String console() {
        return ApiClient.loopback(base.toString()) + "console/";
    }

    /** Loads the console afresh at a view (a new page: nothing signed in; a hash change alone keeps the page). */
    private void open(String hash) {
        driver.get("about:blank");
        driver.get(console() + hash);
    }

    /** Opens the console at a view and signs in. */
    private void openSignedIn(String hash) {
        open(hash);
        signIn(TestEnvironment.ADMIN_USER, TestEnvironment.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#view h1")));
        wait.until(d -> d.findElement(By.id("view")).getAttribute("aria-busy") == null);
    }

    private void signIn(String user, String password) {
        var userField = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-user")));
        userField.clear();
        userField.sendKeys(user);
        driver.findElement(By.id("sign-in-password")).sendKeys(password);
        driver.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
    }

    private void waitForView(String heading) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"), heading));
        wait.until(d -> d.findElement(By.id("view")).getAttribute("aria-busy") == null);
    }

    private String viewText() {
        return driver.findElement(By.id("view")).getText();
    }

    private List<List<String>> tableRows() {
        return driver.findElements(By.cssSelector("#view table tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream()
                        .map(WebElement::getText)
                        .toList())
                .toList();
    }

    private static String idOf(WechatPayTestSigner.SignedRequest request) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(request.bodyText()))) {
            return reader.readObject().getString("id");
        }
    }

    /** An order paid through a real signed notification; returns its number. */
    private static String paidOrder(WechatTenant tenant) {
        String orderNo = tenant.order(1000);
        assertThat(tenant.deliver(tenant.wechat
                                .payment(tenant.paid(orderNo, 1000))
                                .build())
                        .status())
                .isEqualTo(204);
        return orderNo;
    }

    /** An order closed, then paid all the same: applied and flagged for a person. */
    private static String paidAfterClosed(WechatTenant tenant) {
        String orderNo = tenant.order(1000);
        String json = tenant.paid(orderNo, 1000);
        tenant.deliver(tenant.wechat
                .payment(json.replace("\"SUCCESS\"", "\"CLOSED\""))
                .eventType("TRANSACTION.CLOSED")
                .build());
        assertThat(tenant.deliver(tenant.wechat.payment(json).build()).status()).isEqualTo(204);
        return orderNo;
    }

    @Test
    void signInRefusesAWrongPasswordAndLetsTheRightOneIn() {
        open("");
        signIn(TestEnvironment.ADMIN_USER, "not-the-password");
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"), "Wrong user or password"));
        assertThat(driver.findElement(By.id("nav")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("view")).isDisplayed()).isFalse();
        BROWSER.screenshot("01-sign-in-refused");

        signIn(TestEnvironment.ADMIN_USER, TestEnvironment.ADMIN_PASSWORD);
        waitForView("Overview");
        assertThat(driver.findElement(By.id("session-user")).getText()).isEqualTo(TestEnvironment.ADMIN_USER);
        assertThat(viewText()).contains("Deliveries, last 24 hours").contains("Deliveries, last 7 days");
        assertThat(driver.findElements(By.cssSelector("#view svg.chart"))).hasSize(2);
        BROWSER.screenshot("02-overview");

        driver.findElement(By.id("sign-out")).click();
        assertThat(driver.findElement(By.id("sign-in")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("view")).getText()).isEmpty();
        // forgotten: the next request of the page has no credentials
        Object status = ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[0]; import('./js/api.js').then(m => m.api('v1/admin/console'))"
                                + ".then(() => done(200), e => done(e.status));");
        assertThat(status).isEqualTo(401L);
    }

    @Test
    void aTenantKeySignsInToItsTenantOnly() {
        var mine = WechatTenant.create(base);
        var other = WechatTenant.create(base);
        String myOrder = paidOrder(mine);
        String otherOrder = paidOrder(other);
        var issued = ApiClient.admin(base)
                .post("api/v1/admin/tenants/" + mine.id + "/api-keys", "{\"name\":\"console\",\"scope\":\"read\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);

        open("#/deliveries");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-key")))
                .sendKeys(issued.json().getString("key"));
        driver.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        waitForView("Deliveries");
        assertThat(driver.findElement(By.id("session-user")).getText())
                .isEqualTo("tenant " + mine.id + " key " + issued.json().getJsonNumber("id"));
        // its tenant's deliveries, none of another's; the views across tenants are not offered
        assertThat(tableRows()).isNotEmpty().allSatisfy(row -> assertThat(row.get(1))
                .isEqualTo(Long.toString(mine.id)));
        assertThat(viewText()).contains(myOrder).doesNotContain(otherOrder);
        for (String across : List.of("overview", "attention", "tenants")) {
            assertThat(driver.findElement(By.cssSelector("#nav a[href='#/" + across + "']"))
                            .isDisplayed())
                    .as(across)
                    .isFalse();
        }
        BROWSER.screenshot("11-tenant-key-deliveries");

        driver.findElement(By.linkText(myOrder)).click();
        waitForView("Order " + myOrder);
        // another tenant's order, by URL: the API answers as if it did not exist
        ((JavascriptExecutor) driver)
                .executeScript("location.hash = arguments[0]", "#/order/" + other.id + "/" + otherOrder);
        waitForView("Could not load this view");
        assertThat(viewText()).contains("404").doesNotContain("已支付");
    }

    @Test
    void aSignedDeliveryAppearsAndIsFoundByItsOrderNumber() {
        var tenant = WechatTenant.create(base);
        String orderNo = paidOrder(tenant);
        paidOrder(tenant); // another one, which the search must leave out

        openSignedIn("#/deliveries");
        var search = driver.findElement(By.id("f-q"));
        search.sendKeys(orderNo);
        search.submit();
        wait.until(ExpectedConditions.urlContains("q=" + orderNo));
        waitForView("Deliveries");
        var rows = tableRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0))
                .contains(Long.toString(tenant.id), "TRANSACTION.SUCCESS", orderNo, "204")
                .anyMatch(cell -> cell.contains("APPLIED"));
        // the outcome carries an icon shape besides its colour
        assertThat(driver.findElement(By.cssSelector("#view td .outcome .icon")).getText())
                .isNotBlank();
        BROWSER.screenshot("03-deliveries-search");
    }

    @Test
    void filtersLiveInTheUrlSurviveAReloadAndBackReturns() {
        var tenant = WechatTenant.create(base);
        String orderNo = paidOrder(tenant);
        tenant.deliver(tenant.wechat.payment(tenant.paid(orderNo, 1000)).build()); // a second payment: flagged
        var other = WechatTenant.create(base);
        paidOrder(other);

        openSignedIn("#/deliveries");
        driver.findElement(By.id("f-tenant")).sendKeys(Long.toString(tenant.id));
        new Select(driver.findElement(By.id("f-outcome"))).selectByValue("APPLIED");
        new Select(driver.findElement(By.id("f-range"))).selectByValue("24h");
        driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("outcome=APPLIED"));
        waitForView("Deliveries");
        String filtered = driver.getCurrentUrl();
        assertThat(filtered).contains("tenantId=" + tenant.id).contains("range=24h");
        assertThat(tableRows()).hasSize(1).allSatisfy(row -> assertThat(row)
                .contains(Long.toString(tenant.id), orderNo));

        driver.navigate().refresh(); // the credentials are gone, the filters are not
        signIn(TestEnvironment.ADMIN_USER, TestEnvironment.ADMIN_PASSWORD);
        waitForView("Deliveries");
        assertThat(driver.getCurrentUrl()).isEqualTo(filtered);
        assertThat(driver.findElement(By.id("f-tenant")).getAttribute("value")).isEqualTo(Long.toString(tenant.id));
        assertThat(new Select(driver.findElement(By.id("f-outcome")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("APPLIED");
        assertThat(tableRows()).hasSize(1);
        BROWSER.screenshot("04-deliveries-filtered-after-reload");

        new Select(driver.findElement(By.id("f-outcome"))).selectByValue("CONFLICT_FLAGGED");
        driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("outcome=CONFLICT_FLAGGED"));
        waitForView("Deliveries");
        assertThat(tableRows()).hasSize(1).allSatisfy(row -> assertThat(row)
                .anyMatch(c -> c.contains("CONFLICT_FLAGGED")));

        driver.navigate().back();
        wait.until(ExpectedConditions.urlToBe(filtered));
        wait.until(d -> tableRows().size() == 1
                && tableRows().get(0).stream().anyMatch(c -> c.contains("APPLIED") && !c.contains("FLAGGED")));
        assertThat(new Select(driver.findElement(By.id("f-outcome")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("APPLIED");
    }

    @Test
    void aFlaggedPaymentNeedsAttentionAndIsResolvedWithANote() {
        var tenant = WechatTenant.create(base);
        String orderNo = paidAfterClosed(tenant);

        openSignedIn("#/attention");
        By group = By.xpath("//table//tr[td[1][normalize-space()='" + tenant.id + "']]");
        var row = wait.until(ExpectedConditions.visibilityOfElementLocated(group));
        assertThat(row.getText()).contains("FLAGGED").contains(orderNo).contains("open");
        BROWSER.screenshot("05-needs-attention");

        row.findElement(By.xpath(".//button[normalize-space()='Resolve']")).click();
        var note = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-note")));
        note.sendKeys("refunded by hand, ticket 4711");
        BROWSER.screenshot("06-resolve-dialog");
        driver.findElement(By.id("confirm-ok")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(group));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "resolved"));
        assertThat(viewText()).contains("refunded by hand, ticket 4711");
        BROWSER.screenshot("07-resolved");

        // kept with who and when: the trail in the database
        var action = Db.one(
                "SELECT kind, action, note, actor, acted_at FROM attention_action WHERE tenant_id = ?", tenant.id);
        assertThat(action)
                .containsEntry("kind", "FLAGGED")
                .containsEntry("action", "RESOLVE")
                .containsEntry("note", "refunded by hand, ticket 4711")
                .containsEntry("actor", TestEnvironment.ADMIN_USER);
        assertThat(action.get("acted_at")).isNotNull();
        // a resolved group opens again when it happens again
        String second = paidAfterClosed(tenant);
        var groups = tenant.admin().get("api/v1/admin/attention").json().getJsonArray("groups");
        assertThat(groups.getValuesAs(JsonObject.class))
                .filteredOn(g -> g.getJsonNumber("tenantId").longValue() == tenant.id)
                .singleElement()
                .satisfies(g -> {
                    assertThat(g.getInt("count")).isEqualTo(1);
                    assertThat(g.getJsonArray("orderNos").getString(0)).isEqualTo(second);
                });
    }

    @Test
    void anOrderPageTellsItsWholeStory() {
        var tenant = WechatTenant.create(base);
        String orderNo = paidOrder(tenant);
        String refund = tenant.refunded(orderNo, "RF-" + orderNo, "SUCCESS", 1000, 300)
                .replaceFirst(
                        "\"transaction_id\":\"[0-9]+\"",
                        "\"transaction_id\":\"" + tenant.readOrder(orderNo).getString("transactionId") + "\"");
        assertThat(tenant.deliver(tenant.wechat.refund(refund).build()).status())
                .isEqualTo(204);

        openSignedIn("#/deliveries?tenantId=" + tenant.id);
        driver.findElement(By.linkText(orderNo)).click();
        waitForView("Order " + orderNo);
        var entries = driver.findElements(By.cssSelector("ol.timeline > li"));
        assertThat(entries.stream().map(e -> e.getAttribute("class")).toList())
                .contains(
                        "entry entry-order",
                        "entry entry-delivery",
                        "entry entry-state_change",
                        "entry entry-payment",
                        "entry entry-refund");
        assertThat(entries.get(0).getText()).contains("order created");
        assertThat(viewText())
                .contains("已支付 (PAID)")
                .contains("UNPAID (0) → PAID (2)")
                .contains("REFUND.SUCCESS delivered")
                .contains("refund RF-" + orderNo + ": 300 of 1000");
        // no sync or close for a tenant without API credentials (they would only answer NO_API_ACCESS)
        assertThat(driver.findElements(By.cssSelector("#view [aria-label='Order actions']")))
                .isEmpty();
        BROWSER.screenshot("08-order-story");
    }

    @Test
    void hostileFieldsRenderAsTextAndNothingRuns() {
        var tenant = WechatTenant.create(base);
        String script = "<script>window.__xss=1</script>";
        String image = "<img src=x onerror=\"window.__xss=2\">";
        String orderNo = "XSS" + Long.toString(tenant.id);
        var created = tenant.admin()
                .post(
                        "api/v1/tenants/" + tenant.id + "/orders",
                        jakarta.json.Json.createObjectBuilder()
                                .add("orderNo", orderNo)
                                .add("amountTotal", 1000)
                                .add("description", script + image)
                                .build()
                                .toString());
        assertThat(created.status()).isEqualTo(201);
        tenant.deliver(
                tenant.wechat.payment(tenant.paid(orderNo, 1000)).id(image).build());
        tenant.deliver(tenant.wechat
                .payment(tenant.paid(orderNo, 1000))
                .eventType(script)
                .build());
        BROWSER.consoleLog(); // only what happens from here on counts

        openSignedIn("#/deliveries?tenantId=" + tenant.id);
        assertThat(viewText()).contains(script);
        assertThat(driver.findElement(By.id("view")).getAttribute("innerHTML"))
                .contains("&lt;img src=x onerror=")
                .contains("&lt;script&gt;");
        BROWSER.screenshot("09-hostile-deliveries");
        open("#/order/" + tenant.id + "/" + orderNo);
        signIn(TestEnvironment.ADMIN_USER, TestEnvironment.ADMIN_PASSWORD);
        waitForView("Order " + orderNo);
        assertThat(viewText()).contains(script + image);
        BROWSER.screenshot("10-hostile-order");

        assertThat(driver.findElements(By.cssSelector("#view img, #view script")))
                .isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined"))
                .isEqualTo(true);
        assertThat(BROWSER.consoleLog())
                .as("script errors or Content-Security-Policy violations in the browser's log")
                .noneMatch(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue());
    }

    @Test
    void noSecretReachesThePageOrItsRequests() {
        var tenant = WechatTenant.create(base);
        String orderNo = paidOrder(tenant);
        String apiV3Key = tenant.wechat.apiV3Key();
        String privateKey = Base64.getEncoder()
                .encodeToString(tenant.wechat.key().privateKey().getEncoded())
                .substring(0, 64);
        String password = TestEnvironment.ADMIN_PASSWORD;
        BROWSER.networkLog();

        openSignedIn("#/overview");
        StringBuilder pages = new StringBuilder(driver.getPageSource());
        for (String view : List.of(
                "#/deliveries?tenantId=" + tenant.id,
                "#/attention",
                "#/order/" + tenant.id + "/" + orderNo,
                "#/tenants")) {
            open(view);
            signIn(TestEnvironment.ADMIN_USER, TestEnvironment.ADMIN_PASSWORD);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#view h1")));
            wait.until(d -> d.findElement(By.id("view")).getAttribute("aria-busy") == null);
            pages.append(driver.getPageSource());
            assertThat(driver.findElement(By.id("sign-in-password")).getAttribute("value"))
                    .isEmpty();
        }
        BROWSER.screenshot("11-tenants");
        assertThat(pages.toString()).contains(tenant.mchId).doesNotContain(apiV3Key, privateKey, password);
        Object stored = ((JavascriptExecutor) driver)
                .executeScript(
                        "return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie");
        assertThat(stored.toString()).doesNotContain(password, apiV3Key);

        // the requests: no secret in a URL or a body; the password only inside the Authorization header
        String network = String.join("\n", BROWSER.networkLog());
        assertThat(network).contains("v1/admin/tenants").doesNotContain(apiV3Key, privateKey, password);
        // the answers the console read: every console endpoint's body, read directly
        var admin = ApiClient.admin(base);
        for (String path : List.of(
                "api/v1/admin/overview",
                "api/v1/admin/deliveries?tenantId=" + tenant.id,
                "api/v1/admin/attention",
                "api/v1/admin/tenants?limit=1000",
                "api/v1/admin/tenants/" + tenant.id + "/orders/" + orderNo + "/story",
                "api/v1/admin/console")) {
            var answer = admin.get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.body()).as(path).doesNotContain(apiV3Key, privateKey, password);
        }
    }

    @Test
    void theConsoleAndTheApiCarryTheSecurityHeaders() {
        var anonymous = ApiClient.anonymous(base);
        var admin = ApiClient.admin(base);
        for (var answer : List.of(
                anonymous.get("console/"),
                anonymous.get("console/js/main.js"),
                admin.get("api/v1/admin/overview"),
                anonymous.get("api/v1/admin/overview"))) {
            String policy = header(answer, "content-security-policy");
            assertThat(policy)
                    .contains("script-src 'self'")
                    .contains("style-src 'self'")
                    .contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline")
                    .doesNotContain("unsafe-eval");
            assertThat(header(answer, "x-content-type-options")).isEqualTo("nosniff");
            assertThat(header(answer, "referrer-policy")).isEqualTo("no-referrer");
        }
        assertThat(header(admin.get("api/v1/admin/deliveries"), "cache-control"))
                .isEqualTo("no-store");
        assertThat(header(admin.get("api/v1/tenants/1/orders/NO-SUCH-ORDER"), "cache-control"))
                .isEqualTo("no-store");

        // no Basic challenge for the console (no browser password prompt); scripts still get one
        var console = anonymous.send("GET", "api/v1/admin/overview", Map.of("X-Payment-Console", "1"), null);
        assertThat(console.status()).isEqualTo(401);
        assertThat(console.headers()).doesNotContainKey("www-authenticate");
        assertThat(anonymous.get("api/v1/admin/overview").headers().get("www-authenticate"))
                .anyMatch(h -> h.startsWith("Basic"));

        // the console links the OpenAPI document of the whole API, served by the server at /openapi
        var openapi = ApiClient.anonymous(root()).get("openapi");
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body())
                .contains("/api/v1/admin/deliveries")
                .contains("/api/v1/admin/attention/{tenantId}/{kind}")
                .contains("/api/v1/tenants/{tenantId}/orders")
                .contains("ApiError")
                .contains("CROSS_SITE_REQUEST");
    }

    @Test
    void aCrossSiteStateChangingRequestIsRefused() {
        var tenant = WechatTenant.create(base);
        String orderNo = tenant.order(100);
        var admin = tenant.admin();
        String own = ApiClient.loopback(base.toString()).replaceAll("/$", "").replaceAll("(https?://[^/]+).*", "$1");
        String path = "api/v1/tenants/" + tenant.id + "/orders";
        String body = "{\"orderNo\":\"CSRF" + tenant.id + "\",\"amountTotal\":100}";

        // what Chromium sends with a form or fetch another site made it send: refused, with the right credentials
        for (var headers : List.of(
                Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"),
                Map.of("Sec-Fetch-Site", "same-site"),
                Map.of("Origin", "null"),
                Map.of("Origin", own.replace("localhost", "127.0.0.1")))) {
            var refused = admin.send("POST", path, headers, body);
            assertThat(refused.status()).as(headers.toString()).isEqualTo(403);
            assertThat(refused.json().getString("code")).isEqualTo("CROSS_SITE_REQUEST");
        }
        var resolve = admin.send(
                "POST",
                "api/v1/admin/attention/" + tenant.id + "/FLAGGED",
                Map.of("Origin", "https://evil.example"),
                "{\"action\":\"RESOLVE\",\"note\":\"forged\"}");
        assertThat(resolve.status()).isEqualTo(403);
        assertThat(Db.count(
                        "SELECT count(*) FROM orders WHERE tenant_id = ? AND order_no = ?",
                        tenant.id,
                        "CSRF" + tenant.id))
                .isZero();
        assertThat(Db.count("SELECT count(*) FROM attention_action WHERE tenant_id = ?", tenant.id))
                .isZero();
        // reading is not state-changing; the console's own origin and scripts without either header pass
        assertThat(admin.send("GET", path + "/" + orderNo, Map.of("Origin", "https://evil.example"), null)
                        .status())
                .isEqualTo(200);
        assertThat(admin.send("POST", path, Map.of("Origin", own, "Sec-Fetch-Site", "same-origin"), body)
                        .status())
                .isEqualTo(201);
        assertThat(admin.post(path, body.replace("CSRF", "SCRIPT")).status()).isEqualTo(201);
    }

    @Test
    void theConsoleEndpointsRefuseBadInputNamingTheFieldAndChangeNothing() {
        var tenant = WechatTenant.create(base);
        var admin = tenant.admin();
        record Bad(String method, String path, String body, int status, String field) {}
        String act = "api/v1/admin/attention/" + tenant.id + "/";
        for (var bad : List.of(
                new Bad("GET", "api/v1/admin/deliveries?tenantId=0", null, 400, "tenantId"),
                new Bad("GET", "api/v1/admin/deliveries?outcome=PAID", null, 400, "outcome"),
                new Bad("GET", "api/v1/admin/deliveries?from=yesterday", null, 400, "from"),
                new Bad(
                        "GET",
                        "api/v1/admin/deliveries?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z",
                        null,
                        400,
                        "to"),
                new Bad("GET", "api/v1/admin/deliveries?cursor=abc", null, 400, "cursor"),
                new Bad("GET", "api/v1/admin/deliveries?limit=501", null, 400, "limit"),
                new Bad("GET", "api/v1/admin/deliveries?q=" + "x".repeat(65), null, 400, "q"),
                new Bad("GET", "api/v1/admin/tenants?cursor=-1", null, 400, "cursor"),
                new Bad("GET", "api/v1/admin/attention/actions?limit=0", null, 400, "limit"),
                new Bad("GET", "api/v1/admin/tenants/x/orders/ORDER-0001/story", null, 400, "tenantId"),
                new Bad("GET", "api/v1/admin/tenants/" + tenant.id + "/orders/NO-SUCH-ORDER/story", null, 404, null),
                new Bad("POST", act + "NOT_A_KIND", "{\"action\":\"RESOLVE\",\"note\":\"n\"}", 400, "kind"),
                new Bad("POST", act + "FLAGGED", "{\"action\":\"DELETE\",\"note\":\"n\"}", 400, "action"),
                new Bad("POST", act + "FLAGGED", "{\"action\":\"RESOLVE\",\"note\":\"  \"}", 400, "note"),
                new Bad(
                        "POST",
                        act + "FLAGGED",
                        "{\"action\":\"RESOLVE\",\"note\":\"" + "n".repeat(1001) + "\"}",
                        400,
                        "note"),
                new Bad("POST", act + "FLAGGED", "{\"action\":", 400, "body"),
                new Bad(
                        "POST",
                        act + "FLAGGED",
                        "{\"action\":\"RESOLVE\",\"note\":\"nothing to resolve\"}",
                        404,
                        null))) {
            var answer = admin.send(bad.method(), bad.path(), Map.of(), bad.body());
            assertThat(answer.status()).as(bad.toString() + " " + answer.body()).isEqualTo(bad.status());
            JsonObject error = answer.json();
            assertThat(error.getString("code")).as(bad.toString()).isNotBlank();
            assertThat(error.getString("message")).as(bad.toString()).isNotBlank();
            if (bad.field() != null) {
                assertThat(error.getString("field")).as(bad.toString()).isEqualTo(bad.field());
            }
            assertThat(answer.body()).doesNotContain("Exception");
        }
        assertThat(Db.count("SELECT count(*) FROM attention_action WHERE tenant_id = ?", tenant.id))
                .isZero();
    }

    /** The server's root (where Payara serves /openapi), whatever the application's context root. */
    private URL root() {
        try {
            return base.toURI().resolve("/").toURL();
        } catch (java.net.URISyntaxException | java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(ApiClient.Answer answer, String name) {
        var values = answer.headers().get(name);
        assertThat(values).as(name).isNotNull().hasSize(1);
        return values.get(0);
    }
}
