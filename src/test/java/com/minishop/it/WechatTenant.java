package com.minishop.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.payment.wechat.WechatPayTestSigner;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tenant of the running service with a merchant account provisioned through the admin API, and WeChat
 * Pay played for it by a {@link WechatPayTestSigner}: builds orders and notifications, delivers them over
 * real HTTP, and reads back what the service stored.
 */
public final class WechatTenant {

    private static final AtomicLong NEXT =
            new AtomicLong(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1_000);

    public final long id;
    public final String appId;
    public final String mchId;
    public final WechatPayTestSigner wechat;
    private final ApiClient admin;
    private final ApiClient anonymous;

    private WechatTenant(URL base, WechatPayTestSigner wechat) {
        this.id = NEXT.getAndIncrement();
        this.appId = "wx" + Long.toHexString(id)
                + "0000000000000000".substring(Long.toHexString(id).length());
        this.mchId = "19" + String.format("%08d", id % 100_000_000);
        this.wechat = wechat;
        this.admin = ApiClient.admin(base);
        this.anonymous = ApiClient.anonymous(base);
        var answer = admin.put("api/v1/admin/tenants/" + id + "/wechatpay", wechat.merchantAccountJson(appId, mchId));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** A new tenant with a fresh APIv3 key and one WeChat Pay public key. */
    public static WechatTenant create(URL base) {
        return new WechatTenant(base, WechatPayTestSigner.create());
    }

    public static WechatTenant create(URL base, WechatPayTestSigner wechat) {
        return new WechatTenant(base, wechat);
    }

    /** Creates an order of {@code amount} fen and returns its number. */
    public String order(long amount) {
        String orderNo = "ORD" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        var answer = admin.post(
                "api/v1/tenants/" + id + "/orders", "{\"orderNo\":\"" + orderNo + "\",\"amountTotal\":" + amount + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return orderNo;
    }

    public JsonObject readOrder(String orderNo) {
        var answer = admin.get("api/v1/tenants/" + id + "/orders/" + orderNo);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** The JSON WeChat would encrypt for a successful payment of this order. */
    public String paid(String orderNo, long amount) {
        return WechatPayTestSigner.transactionJson(appId, mchId, orderNo, amount);
    }

    public String refunded(String orderNo, String outRefundNo, String status, long total, long refund) {
        return WechatPayTestSigner.refundJson(mchId, orderNo, outRefundNo, status, total, refund);
    }

    /** Delivers a request to this tenant's notify URL. */
    public ApiClient.Answer deliver(WechatPayTestSigner.SignedRequest request) {
        return deliverTo(id, request);
    }

    public ApiClient.Answer deliverTo(Object tenantInPath, WechatPayTestSigner.SignedRequest request) {
        return anonymous.postRaw("api/v1/payments/wechat/notify/" + tenantInPath, request.headers(), request.body());
    }

    /** The callback log rows of a notification id in this tenant, oldest first. */
    public java.util.List<Map<String, Object>> logOf(String notificationId) {
        return Db.rows(
                "SELECT * FROM callback_log WHERE tenant_id = ? AND notification_id = ? ORDER BY id",
                id,
                notificationId);
    }

    public long auditRows(String orderNo) {
        return Db.count("SELECT count(*) FROM audit_record WHERE tenant_id = ? AND order_no = ?", id, orderNo);
    }

    public ApiClient admin() {
        return admin;
    }
}
