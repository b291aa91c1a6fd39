package com.minishop.reconciliation;

import com.minishop.database.DbTime;
import com.minishop.order.CheckScheduleConfig;
import com.minishop.payment.CallbackMetrics;
import com.minishop.payment.PaymentService;
import com.minishop.payment.wechat.MerchantCredentials;
import com.minishop.refund.Refunds;
import com.minishop.tenant.CrossTenant;
import com.minishop.wechatpay.WechatPayAccess;
import com.minishop.wechatpay.WechatPayException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks WeChat Pay about every unpaid order of a tenant with API access when its check is due, and closes
 * the ones {@code PAYMENT_CLOSE_AFTER_SECONDS} past their expiry: so no paid order stays unpaid because a
 * notification was lost, and no unpaid order stays open. Refunds started here that are in PROCESSING or
 * UNKNOWN are claimed and queried the same way, on the same schedule counted from their creation.
 *
 * <p>One loop thread claims due orders and hands them to a fixed pool of workers. A claim is one short
 * transaction across tenants (native SQL: {@code FOR UPDATE SKIP LOCKED} on the due time, which it pushes
 * a lease ahead), so with several instances on one database each order is worked on by one instance at a
 * time, and a crashed instance's claims come due again after the lease. The worker then calls WeChat with
 * no transaction open and applies the answer through {@link PaymentService} (the order's row lock, the
 * audit), which also sets the next due time. Bounded: at most {@code PAYMENT_SWEEP_CONCURRENCY} calls in
 * flight per instance and {@code PAYMENT_SWEEP_TENANT_CONCURRENCY} per tenant; a claim takes tenants in
 * random order and skips busy and resting ({@link TenantBackoff}) ones, so a slow or failing tenant does not
 * starve the others. The loop looks for due work every second, and at once when a worker finishes. During
 * a notification peak it gives way to the callback path ({@link PeakPacing}).
 */
@Singleton
@Startup
@DependsOn("Database")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class Sweep {

    private static final Logger LOG = Logger.getLogger(Sweep.class.getName());

    static final long POLL_MILLIS = 1000;

    /**
     * Tenants (with API access and due orders, not excluded) in random order, then each one's due orders
     * oldest first, at most the per-tenant cap each, locked without waiting for rows others hold, and leased.
     * Only tenants with due work are drawn: when a few tenants hold the last due orders, a draw among all
     * would mostly pick idle ones and the sweep would crawl.
     */
    static final String CLAIM =
            """
            WITH tenants AS (
                SELECT m.tenant_id FROM merchant_account m
                WHERE m.merchant_private_key_encrypted IS NOT NULL AND NOT (m.tenant_id = ANY (?))
                    AND EXISTS (SELECT 1 FROM orders d WHERE d.tenant_id = m.tenant_id
                        AND d.check_due_at IS NOT NULL AND d.check_due_at <= now())
                ORDER BY random() LIMIT ?
            ), due AS (
                SELECT o.id FROM tenants t CROSS JOIN LATERAL (
                    SELECT id FROM orders
                    WHERE tenant_id = t.tenant_id AND check_due_at IS NOT NULL AND check_due_at <= now()
                    ORDER BY check_due_at LIMIT ? FOR UPDATE SKIP LOCKED) o
                LIMIT ?
            )
            UPDATE orders SET check_due_at = now() + make_interval(secs => ?)
            FROM due WHERE orders.id = due.id
            RETURNING orders.tenant_id, orders.order_no, orders.expires_at
            """;

    /**
     * The same for refunds in PROCESSING or UNKNOWN: due ones of tenants with API access and due refunds,
     * leased.
     */
    static final String CLAIM_REFUNDS =
            """
            WITH tenants AS (
                SELECT m.tenant_id FROM merchant_account m
                WHERE m.merchant_private_key_encrypted IS NOT NULL AND NOT (m.tenant_id = ANY (?))
                    AND EXISTS (SELECT 1 FROM refund_record d WHERE d.tenant_id = m.tenant_id
                        AND d.check_due_at IS NOT NULL AND d.check_due_at <= now())
                ORDER BY random() LIMIT ?
            ), due AS (
                SELECT r.id FROM tenants t CROSS JOIN LATERAL (
                    SELECT id FROM refund_record
                    WHERE tenant_id = t.tenant_id AND check_due_at IS NOT NULL AND check_due_at <= now()
                    ORDER BY check_due_at LIMIT ? FOR UPDATE SKIP LOCKED) r
                LIMIT ?
            )
            UPDATE refund_record SET check_due_at = now() + make_interval(secs => ?)
            FROM due WHERE refund_record.id = due.id
            RETURNING refund_record.tenant_id, refund_record.out_refund_no
            """;

    @Inject
    CrossTenant crossTenant;

    @Resource
    private ManagedThreadFactory threads;

    @Inject
    OrderPayments orderPayments;

    @Inject
    WechatPayAccess access;

    @Inject
    PaymentService payments;

    @Inject
    Refunds refunds;

    @Inject
    CheckScheduleConfig schedule;

    @Inject
    CallbackMetrics callbacks;

    @Inject
    @ConfigProperty(name = "PAYMENT_SWEEP_CONCURRENCY", defaultValue = "16")
    int concurrency;

    @Inject
    @ConfigProperty(name = "PAYMENT_SWEEP_TENANT_CONCURRENCY", defaultValue = "4")
    int tenantConcurrency;

    /** How long a claim is held: longer than the longest work on one order (three calls of at most 7 s). */
    @Inject
    @ConfigProperty(name = "PAYMENT_SWEEP_LEASE_SECONDS", defaultValue = "60")
    int leaseSeconds;

    /** Notifications a second above which this instance's sweep gives way to them. */
    @Inject
    @ConfigProperty(name = "PAYMENT_SWEEP_BUSY_NOTIFICATIONS", defaultValue = "50")
    long busyNotifications;

    /** The sweep's queries a second while notifications arrive faster than that. */
    @Inject
    @ConfigProperty(name = "PAYMENT_SWEEP_BUSY_RATE", defaultValue = "10")
    int busyRate;

    @Inject
    @ConfigProperty(name = "PAYMENT_SWEEP_ENABLED", defaultValue = "true")
    boolean enabled;

    /** How soon an order is asked again after a failed call; the schedule's first step when not set. */
    @Inject
    @ConfigProperty(name = "PAYMENT_SWEEP_RETRY_SECONDS")
    java.util.Optional<Long> retrySeconds;

    private final TenantBackoff backoff = new TenantBackoff();
    private final ConcurrentHashMap<Long, Integer> inFlight = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private volatile boolean running;
    private int busy;
    private ExecutorService workers;
    private Thread loop;

    /** A claimed order, or (expiresAt null) a claimed refund whose number is {@code orderNo}. */
    record Claimed(long tenantId, String orderNo, OffsetDateTime expiresAt) {
        boolean refund() {
            return expiresAt == null;
        }
    }

    @PostConstruct
    void start() {
        if (!enabled) {
            LOG.info("the sweep is disabled (PAYMENT_SWEEP_ENABLED=false)");
            return;
        }
        running = true;
        workers = new ThreadPoolExecutor(
                concurrency, concurrency, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        loop = threads.newThread(this::run);
        loop.setName("wechatpay-sweep");
        loop.start();
        LOG.info(() -> "sweep started: " + concurrency + " calls in flight at most, " + tenantConcurrency
                + " per tenant, schedule " + schedule.get());
    }

    @PreDestroy
    void stop() {
        running = false;
        synchronized (signal) {
            signal.notifyAll();
        }
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        boolean failing = false;
        try {
            loop(failing, new PeakPacing(callbacks::deliveries, busyNotifications, busyRate, System.nanoTime()));
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, "the sweep stopped", t);
        }
    }

    private void loop(boolean failing, PeakPacing pacing) {
        boolean peak = false;
        while (running) {
            try {
                int free;
                Set<Long> excluded;
                synchronized (signal) {
                    free = concurrency - busy;
                    excluded = new HashSet<>(inFlight.keySet());
                }
                free = pacing.allowance(free, System.nanoTime());
                if (pacing.busy() != peak) {
                    peak = pacing.busy();
                    LOG.info(
                            peak
                                    ? "notifications arrive faster than " + busyNotifications
                                            + "/s: the sweep slows to " + busyRate + " queries/s"
                                    : "the notification peak is over: the sweep runs at full speed again");
                }
                excluded.addAll(backoff.resting(System.nanoTime()));
                List<Claimed> claimed = free > 0 ? claim(free, excluded) : new ArrayList<>();
                if (free > claimed.size()) {
                    claimed.addAll(claimRefunds(free - claimed.size(), excluded));
                }
                pacing.started(claimed.size());
                for (Claimed order : claimed) {
                    synchronized (signal) {
                        busy++;
                        inFlight.merge(order.tenantId(), 1, Integer::sum);
                    }
                    workers.execute(() -> work(order));
                }
                if (failing) {
                    LOG.info("the sweep claims orders again");
                    failing = false;
                }
                synchronized (signal) {
                    if (running && (claimed.isEmpty() || busy >= concurrency)) {
                        signal.wait(POLL_MILLIS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warning("the sweep was interrupted and stops");
                return;
            } catch (SQLException | RuntimeException e) {
                if (!failing) {
                    LOG.log(Level.WARNING, "the sweep cannot claim orders: {0}", e.toString());
                    failing = true;
                }
                sleep();
            }
        }
    }

    /**
     * One short transaction: the due orders of up to {@code free} tenants, leased to this instance. Across
     * tenants, hence through {@link CrossTenant} (the grants of migration V22).
     */
    List<Claimed> claim(int free, Set<Long> excludedTenants) throws SQLException {
        return claim(
                "sweep claim",
                CLAIM,
                free,
                excludedTenants,
                rows -> new Claimed(rows.getLong(1), rows.getString(2), rows.getObject(3, OffsetDateTime.class)));
    }

    /** Refunds as {@link #claim} claims orders; a {@link Claimed} with no expiry. */
    List<Claimed> claimRefunds(int free, Set<Long> excludedTenants) throws SQLException {
        return claim(
                "sweep refund claim",
                CLAIM_REFUNDS,
                free,
                excludedTenants,
                rows -> new Claimed(rows.getLong(1), rows.getString(2), null));
    }

    private interface ClaimedRow {
        Claimed read(ResultSet rows) throws SQLException;
    }

    /** One claim statement ({@link #CLAIM}'s parameters) run across tenants, as the cross-tenant role. */
    private List<Claimed> claim(String purpose, String sql, int free, Set<Long> excludedTenants, ClaimedRow row)
            throws SQLException {
        return crossTenant.run(purpose, connection -> {
            try (var claim = connection.prepareStatement(sql)) {
                claim.setArray(1, connection.createArrayOf("bigint", excludedTenants.toArray()));
                claim.setInt(2, free);
                claim.setInt(3, tenantConcurrency);
                claim.setInt(4, free);
                claim.setInt(5, leaseSeconds);
                List<Claimed> claimed = new ArrayList<>();
                try (var rows = claim.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(row.read(rows));
                    }
                }
                return claimed;
            }
        });
    }

    /** Query, or close when the order is due to be closed; a refund: query it; on failure ask again later. */
    private void work(Claimed order) {
        long tenantId = order.tenantId();
        if (order.refund()) {
            workOnRefund(order);
            return;
        }
        try {
            MerchantCredentials credentials = access.apiCredentials(tenantId);
            var now = DbTime.now();
            if (!now.isBefore(order.expiresAt().plus(schedule.get().closeAfter()))) {
                orderPayments.close(tenantId, order.orderNo(), credentials, OrderPayments.SWEEP);
            } else {
                orderPayments.sync(tenantId, order.orderNo(), credentials, OrderPayments.SWEEP);
            }
            backoff.succeeded(tenantId);
        } catch (WechatPayException e) {
            if (e.backOff()) {
                backoff.failed(tenantId, System.nanoTime());
            }
            retryLater(order);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "tenant " + tenantId + ": sweep of order " + order.orderNo() + " failed", e);
            retryLater(order);
        } finally {
            synchronized (signal) {
                busy--;
                inFlight.computeIfPresent(tenantId, (id, n) -> n > 1 ? n - 1 : null);
                signal.notifyAll();
            }
        }
    }

    private void workOnRefund(Claimed refund) {
        long tenantId = refund.tenantId();
        try {
            refunds.check(tenantId, refund.orderNo(), retryDelay());
            backoff.succeeded(tenantId);
        } catch (WechatPayException e) {
            if (e.backOff()) {
                backoff.failed(tenantId, System.nanoTime());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "tenant " + tenantId + ": sweep of refund " + refund.orderNo() + " failed", e);
        } finally {
            synchronized (signal) {
                busy--;
                inFlight.computeIfPresent(tenantId, (id, n) -> n > 1 ? n - 1 : null);
                signal.notifyAll();
            }
        }
    }

    private java.time.Duration retryDelay() {
        return retrySeconds
                .map(java.time.Duration::ofSeconds)
                .orElse(schedule.get().first());
    }

    private void retryLater(Claimed order) {
        var delay = retryDelay();
        try {
            payments.checkFailed(order.tenantId(), order.orderNo(), delay);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot reschedule order " + order.orderNo() + " (its lease brings it back)", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
