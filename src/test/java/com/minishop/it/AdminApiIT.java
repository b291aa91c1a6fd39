package com.minishop.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin HTTP API over real HTTP: authentication, orders, merchant accounts and their validation. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminApiIT {

    private static final String API_V3_KEY = "it0123456789abcdefghijklmnopqrs"; // 31: made 32 below
    private static final String KEY = API_V3_KEY + "t";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private static long newTenant() {
        return Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1;
    }

    @Test
    void refusesRequestsWithoutTheAdminCredentials() {
        var anonymous = ApiClient.anonymous(base).get("api/v1/tenants/1/orders/ORDER-0001");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().get("www-authenticate")).anyMatch(h -> h.startsWith("Basic"));
        assertThat(anonymous.json().getString("code")).isEqualTo("UNAUTHORIZED");

        var wrong = ApiClient.withCredentials(base, TestEnvironment.ADMIN_USER, "not-the-password")
                .post("api/v1/tenants/1/orders", "{\"orderNo\":\"ORDER-0001\",\"amountTotal\":100}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(ApiClient.anonymous(base)
                        .get("api/v1/admin/tenants/1/wechatpay")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void createsAndReadsAnOrder() {
        var api = ApiClient.admin(base);
        long tenant = newTenant();
        var created = api.post(
                "api/v1/tenants/" + tenant + "/orders",
                "{\"orderNo\":\"ORDER-0001\",\"amountTotal\":12345,\"description\":\"一杯咖啡\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("location")).anyMatch(l -> l.endsWith("/orders/ORDER-0001"));
        JsonObject order = created.json();
        assertThat(order.getString("orderNo")).isEqualTo("ORDER-0001");
        assertThat(order.getJsonNumber("amountTotal").longValueExact()).isEqualTo(12345);
        assertThat(order.getString("currency")).isEqualTo("CNY");
        assertThat(order.getString("orderStatus")).isEqualTo("PENDING_PAYMENT");
        assertThat(order.getString("orderStatusLabel")).isEqualTo("待支付");
        assertThat(order.getInt("payState")).isZero();
        assertThat(order.isNull("transactionId")).isTrue();
        assertThat(order.isNull("paidAt")).isTrue();
        assertThat(order.getJsonNumber("refundedAmount").longValueExact()).isZero();
        assertThat(order.getString("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*(Z|[+-]\\d\\d:\\d\\d)");

        var read = api.get("api/v1/tenants/" + tenant + "/orders/ORDER-0001");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(order);
        assertThat(read.json().getString("description")).isEqualTo("一杯咖啡");
    }

    @Test
    void refusesADuplicateOrderNumberInOneTenantButNotAcrossTenants() {
        var api = ApiClient.admin(base);
        long tenant = newTenant();
        String body = "{\"orderNo\":\"ORDER-DUP1\",\"amountTotal\":100}";
        assertThat(api.post("api/v1/tenants/" + tenant + "/orders", body).status())
                .isEqualTo(201);
        var duplicate =
                api.post("api/v1/tenants/" + tenant + "/orders", "{\"orderNo\":\"ORDER-DUP1\",\"amountTotal\":999}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().getString("field")).isEqualTo("orderNo");
        assertThat(api.get("api/v1/tenants/" + tenant + "/orders/ORDER-DUP1")
                        .json()
                        .getJsonNumber("amountTotal")
                        .longValueExact())
                .isEqualTo(100);
        assertThat(api.post("api/v1/tenants/" + (tenant + 1) + "/orders", body).status())
                .isEqualTo(201);
    }

    @Test
    void anotherTenantsOrderIsNotFound() {
        var api = ApiClient.admin(base);
        long tenant = newTenant();
        api.post("api/v1/tenants/" + tenant + "/orders", "{\"orderNo\":\"ORDER-MINE\",\"amountTotal\":100}");
        var other = api.get("api/v1/tenants/" + (tenant + 1) + "/orders/ORDER-MINE");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().getString("code")).isEqualTo("NOT_FOUND");
    }

    @Test
    void refusesInvalidOrdersNamingTheField() {
        var api = ApiClient.admin(base);
        long tenant = newTenant();
        String path = "api/v1/tenants/" + tenant + "/orders";
        assertInvalid(api.post(path, "{\"orderNo\":\"ORDER-0002\",\"amountTotal\":0}"), "amountTotal");
        assertInvalid(api.post(path, "{\"orderNo\":\"ORDER-0002\",\"amountTotal\":-5}"), "amountTotal");
        assertInvalid(api.post(path, "{\"orderNo\":\"ORDER-0002\"}"), "amountTotal");
        assertInvalid(api.post(path, "{\"orderNo\":\"x\",\"amountTotal\":100}"), "orderNo");
        assertInvalid(
                api.post(path, "{\"orderNo\":\"ORDER-0002\",\"amountTotal\":100,\"currency\":\"yuan\"}"), "currency");
        assertInvalid(api.post(path, "{\"orderNo\":\"ORDER-0002\",\"amountTotal\":"), "body");
        assertInvalid(
                api.post("api/v1/tenants/0/orders", "{\"orderNo\":\"ORDER-0002\",\"amountTotal\":100}"), "tenantId");
        assertInvalid(api.get("api/v1/tenants/abc/orders/ORDER-0002"), "tenantId");
        assertThat(api.get(path + "/ORDER-0002").status()).isEqualTo(404);
    }

    @Test
    void storesAMerchantAccountAndNeverReturnsItsKey() throws Exception {
        var api = ApiClient.admin(base);
        long tenant = newTenant();
        String path = "api/v1/admin/tenants/" + tenant + "/wechatpay";
        assertThat(api.get(path).status()).isEqualTo(404);

        var stored = api.put(path, account(KEY, publicKey("PUB_KEY_ID_0114232134912410000000000001")));
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body()).doesNotContain(KEY).doesNotContain("apiV3Key\"");
        var read = api.get(path);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).doesNotContain(KEY);
        JsonObject account = read.json();
        assertThat(account.getString("appId")).isEqualTo("wx8888888888888888");
        assertThat(account.getString("mchId")).isEqualTo("1900000109");
        assertThat(account.getBoolean("apiV3KeyConfigured")).isTrue();
        assertThat(account.getJsonArray("platformKeys")).hasSize(1);
        assertThat(account.getJsonArray("platformKeys").getJsonObject(0).getString("type"))
                .isEqualTo("PUBLIC_KEY");

        try (var db = TestEnvironment.jdbc();
                var query =
                        db.prepareStatement("SELECT api_v3_key_encrypted FROM merchant_account WHERE tenant_id = ?")) {
            query.setLong(1, tenant);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(new String(row.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .doesNotContain(KEY);
            }
        }
    }

    @Test
    void replacesAMerchantAccountWithRotatedKeys() throws Exception {
        var api = ApiClient.admin(base);
        long tenant = newTenant();
        String path = "api/v1/admin/tenants/" + tenant + "/wechatpay";
        String first = publicKey("PUB_KEY_ID_0000000000000000000000000001");
        String second = publicKey("PUB_KEY_ID_0000000000000000000000000002");
        assertThat(api.put(path, account(KEY, first)).status()).isEqualTo(200);
        assertThat(api.put(path, account(KEY, first, second)).status()).isEqualTo(200);
        var both = api.get(path).json().getJsonArray("platformKeys");
        assertThat(both).hasSize(2);
        assertThat(api.put(path, account(KEY, second)).status()).isEqualTo(200);
        var rotated = api.get(path).json().getJsonArray("platformKeys");
        assertThat(rotated).hasSize(1);
        assertThat(rotated.getJsonObject(0).getString("serial")).isEqualTo("PUB_KEY_ID_0000000000000000000000000002");
    }

    @Test
    void refusesAnInvalidMerchantAccountAndKeepsTheStoredOne() throws Exception {
        var api = ApiClient.admin(base);
        long tenant = newTenant();
        String path = "api/v1/admin/tenants/" + tenant + "/wechatpay";
        String key = publicKey("PUB_KEY_ID_0000000000000000000000000001");
        assertThat(api.put(path, account(KEY, key)).status()).isEqualTo(200);
        long version = api.get(path).json().getJsonNumber("version").longValueExact();

        assertInvalid(api.put(path, account(API_V3_KEY, key)), "apiV3Key");
        assertInvalid(api.put(path, account(KEY + "x", key)), "apiV3Key");
        assertInvalid(api.put(path, account(KEY)), "platformKeys");
        assertInvalid(
                api.put(
                        path,
                        account(
                                KEY,
                                "{\"serial\":\"PUB_KEY_ID_1\",\"publicKeyPem\":\"-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----\"}")),
                "platformKeys[0].publicKeyPem");
        assertInvalid(
                api.put(path, account(KEY, "{\"serial\":\"0123ABCD\",\"publicKeyPem\":" + pemOf() + "}")),
                "platformKeys[0].serial");
        assertInvalid(
                api.put(path, account(KEY, "{\"serial\":\"PUB_KEY_ID_1\",\"certificatePem\":" + pemOf() + "}")),
                "platformKeys[0].serial");
        assertInvalid(api.put(path, account(KEY, "{\"serial\":\"PUB_KEY_ID_1\"}")), "platformKeys[0]");
        assertInvalid(api.put(path, account(KEY, key, key)), "platformKeys[1].serial");
        assertInvalid(
                api.put(
                        path,
                        "{\"appId\":\"wx1\",\"mchId\":\"12ab\",\"apiV3Key\":\"" + KEY + "\",\"platformKeys\":[" + key
                                + "]}"),
                "mchId");
        assertInvalid(api.put(path, "[]"), "body");

        assertThat(api.get(path).json().getJsonNumber("version").longValueExact())
                .isEqualTo(version);
        assertThat(api.get("api/v1/admin/tenants/" + (tenant + 1) + "/wechatpay")
                        .status())
                .isEqualTo(404);
    }

    private static void assertInvalid(ApiClient.Answer answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().getString("field")).isEqualTo(field);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static String account(String apiV3Key, String... keys) {
        return "{\"appId\":\"wx8888888888888888\",\"mchId\":\"1900000109\",\"apiV3Key\":\"" + apiV3Key
                + "\",\"platformKeys\":[" + String.join(",", keys) + "]}";
    }

    private static String publicKey(String serial) throws NoSuchAlgorithmException {
        return "{\"serial\":\"" + serial + "\",\"publicKeyPem\":" + pemOf() + "}";
    }

    /** A fresh RSA-2048 public key as a JSON string holding its PEM. */
    private static String pemOf() throws NoSuchAlgorithmException {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        return Json.createValue(pem).toString();
    }
}
