package com.minishop.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.database.DbTime;
import com.minishop.order.NewOrderRequest;
import com.minishop.order.OrderService;
import com.minishop.order.OrderView;
import com.minishop.order.PayState;
import com.minishop.payment.CallbackAnswer;
import com.minishop.payment.CallbackLogRetention;
import com.minishop.payment.Delivery;
import com.minishop.payment.PaymentFacts;
import com.minishop.payment.PaymentService;
import com.minishop.payment.wechat.NotificationHeaders;
import com.minishop.payment.wechat.WechatPayTestSigner;
import com.minishop.payment.wechat.WechatPayTestSigner.SignedRequest;
import com.minishop.tenant.MerchantAccountRequest;
import com.minishop.tenant.MerchantAccountService;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code PaymentService} in the container on PostgreSQL: tenant isolation and all-or-nothing transactions. */
@ExtendWith(ArquillianExtension.class)
class PaymentServiceIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.application(WechatPayTestSigner.class, RollbackProbe.class)
                .addAsLibraries(Deployments.jarsOf(
                        org.bouncycastle.cert.X509v3CertificateBuilder.class,
                        org.bouncycastle.jce.provider.BouncyCastleProvider.class,
                        org.bouncycastle.asn1.x509.Certificate.class));
    }

    @EJB
    PaymentService payments;

    @EJB
    MerchantAccountService accounts;

    @EJB
    OrderService orders;

    @EJB
    CallbackLogRetention retention;

    @EJB
    RollbackProbe rollbackProbe;

    /** A tenant with a merchant account for the given signer; its mchid is derived from its id. */
    private long tenant(WechatPayTestSigner wechat) {
        long id = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1;
        var keys = wechat.keys().stream()
                .map(k -> new MerchantAccountRequest.PlatformKeyInput(
                        k.serial(), k.isCertificate() ? null : k.pem(), k.isCertificate() ? k.pem() : null))
                .toList();
        accounts.replace(id, new MerchantAccountRequest(appId(id), mchId(id), wechat.apiV3Key(), keys));
        return id;
    }

    private static String appId(long tenant) {
        return "wx" + tenant;
    }

    private static String mchId(long tenant) {
        return "19" + tenant;
    }

    private String order(long tenant, String orderNo) {
        orders.create(tenant, new NewOrderRequest(orderNo, 100L, null, null));
        return orderNo;
    }

    private CallbackAnswer deliver(long tenant, SignedRequest request) {
        var headers = NotificationHeaders.fromMap(request.headers());
        return payments.handlePaymentCallback(
                tenant,
                headers,
                request.body(),
                new Delivery(tenant, DbTime.now(), System.nanoTime(), headers.serial(), headers.timestamp()));
    }

    private static SignedRequest paid(WechatPayTestSigner wechat, long tenant, String orderNo) {
        return wechat.payment(WechatPayTestSigner.transactionJson(appId(tenant), mchId(tenant), orderNo, 100))
                .build();
    }

    private OrderView read(long tenant, String orderNo) {
        return orders.find(tenant, orderNo).orElseThrow();
    }

    private long count(String sql, Object... parameters) throws SQLException {
        try (var connection = SuperuserConnection.open();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    @Test
    void aTenantsValidNotificationNamingAnotherTenantsOrderLeavesThatOrderUntouched() {
        var wechatOne = WechatPayTestSigner.create();
        long one = tenant(wechatOne);
        long two = tenant(WechatPayTestSigner.create());
        String onlyInTwo = order(two, "ORDER-ONLY-IN-TWO");
        String inBoth = order(two, order(one, "ORDER-IN-BOTH"));

        CallbackAnswer notFound = deliver(one, paid(wechatOne, one, onlyInTwo));
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.outcome()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(read(two, onlyInTwo).payState()).isZero();

        assertThat(deliver(one, paid(wechatOne, one, inBoth)).status()).isEqualTo(204);
        assertThat(read(one, inBoth).payState()).isEqualTo(2);
        assertThat(read(two, inBoth).payState()).isZero();
    }

    @Test
    void aTenantsNotificationPostedToAnotherTenantsUrlIsRejected() {
        var wechatOne = WechatPayTestSigner.create();
        long one = tenant(wechatOne);
        // tenant two even holds a key under the same serial: a different key, so the signature fails
        var sameSerial =
                WechatPayTestSigner.newPublicKey(wechatOne.key().serial(), WechatPayTestSigner.newRsaKeyPair());
        long two = tenant(new WechatPayTestSigner(WechatPayTestSigner.randomApiV3Key(), sameSerial));
        long three = tenant(WechatPayTestSigner.create());
        String orderNo = order(three, order(two, order(one, "ORDER-WRONG-URL")));
        SignedRequest request = paid(wechatOne, one, orderNo);

        CallbackAnswer atTwo = deliver(two, request);
        assertThat(atTwo.status()).isEqualTo(401);
        assertThat(atTwo.outcome()).isEqualTo("BAD_SIGNATURE");
        CallbackAnswer atThree = deliver(three, request);
        assertThat(atThree.status()).isEqualTo(401);
        assertThat(atThree.outcome()).isEqualTo("UNKNOWN_SERIAL");
        assertThat(read(two, orderNo).payState()).isZero();
        assertThat(read(three, orderNo).payState()).isZero();

        assertThat(deliver(one, request).status()).isEqualTo(204);
        assertThat(read(one, orderNo).payState()).isEqualTo(2);
    }

    @Test
    void aTransactionThatFailsAtCommitLeavesNothingHalfDone() throws SQLException {
        var wechat = WechatPayTestSigner.create();
        long tenant = tenant(wechat);
        String orderNo = order(tenant, "ORDER-ROLLBACK");
        // a payment record already there for this order: the new one violates the unique key at commit
        try (var connection = SuperuserConnection.open();
                var insert = connection.prepareStatement(
                        """
                INSERT INTO payment_record (id, tenant_id, order_id, out_trade_no, transaction_id, trade_state,
                    amount_total, currency, success_time, notification_id, created_at)
                SELECT 1000000 + id, tenant_id, id, order_no, 'T-PLANTED', 'SUCCESS', 100, 'CNY', now(), 'planted', now()
                FROM orders WHERE tenant_id = ? AND order_no = ?""")) {
            insert.setLong(1, tenant);
            insert.setString(2, orderNo);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        SignedRequest request = paid(wechat, tenant, orderNo);

        assertThatThrownBy(() -> deliver(tenant, request)).isInstanceOf(EJBException.class);

        assertThat(read(tenant, orderNo).payState()).isZero();
        assertThat(read(tenant, orderNo).transactionId()).isNull();
        assertThat(count("SELECT count(*) FROM audit_record WHERE tenant_id = ? AND order_no = ?", tenant, orderNo))
                .isZero();
        assertThat(count("SELECT count(*) FROM callback_log WHERE tenant_id = ?", tenant))
                .isZero();
        assertThat(count(
                        "SELECT count(*) FROM payment_record WHERE tenant_id = ? AND transaction_id <> 'T-PLANTED'",
                        tenant))
                .isZero();
    }

    @Test
    void updateOrderPaymentStatusChangesOnlyTheBoundTenantsOrderAndAuditsIt() throws SQLException {
        long one = tenant(WechatPayTestSigner.create());
        long two = tenant(WechatPayTestSigner.create());
        String orderNo = order(one, "ORDER-DIRECT");
        long orderId = count("SELECT id FROM orders WHERE tenant_id = ? AND order_no = ?", one, orderNo);
        var facts = new PaymentFacts(
                "N-1", "4200000000000000000000000001", OffsetDateTime.parse("2026-11-01T10:00:00+08:00"), null);

        assertThatThrownBy(() -> payments.updateOrderPaymentStatus(two, orderId, PayState.PAID, facts))
                .isInstanceOf(EJBException.class);
        assertThat(read(one, orderNo).payState()).isZero();

        var change = payments.updateOrderPaymentStatus(one, orderId, PayState.PAID, facts);
        assertThat(change.transition().to()).isEqualTo(PayState.PAID);
        assertThat(read(one, orderNo).transactionId()).isEqualTo("4200000000000000000000000001");
        assertThat(count(
                        "SELECT count(*) FROM audit_record WHERE tenant_id = ? AND order_id = ? AND notification_id = 'N-1'"
                                + " AND from_pay_state = 0 AND to_pay_state = 2",
                        one,
                        orderId))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_record WHERE tenant_id = ?", two))
                .isZero();

        var again = payments.updateOrderPaymentStatus(one, orderId, PayState.PAID, facts);
        assertThat(again.transition().changed()).isFalse();
        assertThat(count("SELECT count(*) FROM audit_record WHERE order_id = ?", orderId))
                .isEqualTo(1);
        assertThatThrownBy(() -> payments.updateOrderPaymentStatus(one, orderId, PayState.UNPAID, facts))
                .isInstanceOf(EJBException.class);
    }

    @Test
    void pruningTheCallbackLogByAgeLeavesEverythingElse() throws SQLException {
        var wechat = WechatPayTestSigner.create();
        long tenant = tenant(wechat);
        String orderNo = order(tenant, "ORDER-PRUNE");
        assertThat(deliver(tenant, paid(wechat, tenant, orderNo)).status()).isEqualTo(204);
        try (var connection = SuperuserConnection.open();
                var old = connection.prepareStatement(
                        """
                INSERT INTO callback_log (id, tenant_id, received_at, verified, settled, outcome, http_status, processing_micros)
                SELECT nextval('callback_log_id_seq'), ?, now() - interval '100 days', false, false, 'BAD_SIGNATURE', 401, 1
                FROM generate_series(1, 12000)""")) {
            old.setLong(1, tenant);
            old.executeUpdate();
        }
        long orders = count("SELECT count(*) FROM orders");
        long audits = count("SELECT count(*) FROM audit_record");
        long payments = count("SELECT count(*) FROM payment_record");

        assertThat(retention.prune(Duration.ofDays(90))).isGreaterThanOrEqualTo(12000);

        assertThat(count("SELECT count(*) FROM callback_log WHERE received_at < now() - interval '90 days'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM callback_log WHERE tenant_id = ? AND outcome = 'APPLIED'", tenant))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(orders);
        assertThat(count("SELECT count(*) FROM audit_record")).isEqualTo(audits);
        assertThat(count("SELECT count(*) FROM payment_record")).isEqualTo(payments);
        assertThatThrownBy(() -> retention.prune(Duration.ofHours(1))).isInstanceOf(EJBException.class);
    }

    @Test
    void aSilentRollbackIsNeverMistakenForACommit() {
        var wechat = WechatPayTestSigner.create();
        long tenant = tenant(wechat);
        String orderNo = order(tenant, "ORDER-SILENT-ROLLBACK");
        SignedRequest request = paid(wechat, tenant, orderNo);
        var headers = NotificationHeaders.fromMap(request.headers());

        var rolledBack = new Delivery(tenant, DbTime.now(), System.nanoTime(), headers.serial(), headers.timestamp());
        CallbackAnswer claimed = rollbackProbe.handleThenRollBack(tenant, headers, request.body(), rolledBack);
        assertThat(claimed.status()).isEqualTo(204);
        assertThat(rolledBack.commit().committed())
                .as("the endpoint must not acknowledge this")
                .isFalse();
        assertThat(read(tenant, orderNo).payState()).isZero();

        var committed = new Delivery(tenant, DbTime.now(), System.nanoTime(), headers.serial(), headers.timestamp());
        assertThat(payments.handlePaymentCallback(tenant, headers, request.body(), committed)
                        .status())
                .isEqualTo(204);
        assertThat(committed.commit().committed()).isTrue();
        assertThat(read(tenant, orderNo).payState()).isEqualTo(2);
    }
}
