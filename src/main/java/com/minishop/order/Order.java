package com.minishop.order;

import com.minishop.tenant.TenantAware;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.regex.Pattern;
import org.eclipse.persistence.config.PessimisticLock;
import org.eclipse.persistence.config.QueryHints;

/**
 * A tenant's order and its payment state. Ids come from one database sequence, so they are unique
 * across tenants (EclipseLink updates by primary key alone). State changes only through the transition
 * methods below; each checks its inputs and returns a {@link Transition} saying what it did. Money facts
 * (transaction id, pay time, refunded sum) are never overwritten: a contradicting fact is refused and
 * reported, not applied.
 */
@Entity
@Table(name = "orders")
@NamedQuery(
        name = Order.LOCK_BY_NUMBER,
        query = "SELECT o FROM Order o WHERE o.orderNo = :orderNo",
        hints = @QueryHint(name = QueryHints.PESSIMISTIC_LOCK, value = PessimisticLock.Lock))
public class Order extends TenantAware {

    /**
     * The bound tenant's order with this number, its row locked ({@code SELECT ... FOR UPDATE}, EclipseLink's
     * pessimistic lock: the order is then PESSIMISTIC_WRITE-locked in the persistence context) until the
     * transaction ends. Named, with the lock as a query hint, so EclipseLink prepares its SQL once: a JPA
     * lock mode, set on the query or in the named query's {@code lockMode}, makes EclipseLink clone the
     * query and prepare its SQL again on every execution.
     */
    public static final String LOCK_BY_NUMBER = "Order.lockByNumber";

    /** WeChat Pay's rule for {@code out_trade_no}: 6-32 of digits, letters, {@code _-|*}. */
    public static final Pattern ORDER_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");

    public static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public static final int DESCRIPTION_MAX = 127;

    @Id
    @SequenceGenerator(name = "order_id", sequenceName = "orders_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "order_id")
    private Long id;

    @Column(name = "order_no", nullable = false, length = 32, updatable = false)
    private String orderNo;

    @Column(name = "amount_total", nullable = false, updatable = false)
    private long amountTotal;

    @Column(nullable = false, length = 3, updatable = false)
    private String currency;

    @Column(length = DESCRIPTION_MAX)
    private String description;

    @Convert(converter = PayStateConverter.class)
    @Column(name = "pay_state", nullable = false)
    private PayState payState;

    @Enumerated(EnumType.STRING)
    @Column(name = "order_status", nullable = false, length = 16)
    private OrderStatus orderStatus;

    @Column(name = "transaction_id", length = 32)
    private String transactionId;

    @Column(name = "paid_at")
    private OffsetDateTime paidAt;

    @Column(name = "refunded_amount", nullable = false)
    private long refundedAmount;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "prepay_id", length = 64)
    private String prepayId;

    @Column(name = "prepay_openid", length = 128)
    private String prepayOpenId;

    @Column(name = "prepaid_at")
    private OffsetDateTime prepaidAt;

    /** How many scheduled checks at WeChat Pay have been made since the clock (prepay or creation) started. */
    @Column(name = "check_step", nullable = false)
    private int checkStep;

    /** When the sweep next asks WeChat Pay about this order; null once the order is settled. */
    @Column(name = "check_due_at")
    private OffsetDateTime checkDueAt;

    @Version
    private long version;

    /** How long WeChat Pay keeps a prepay id valid. */
    public static final Duration PREPAY_VALIDITY = Duration.ofHours(2);

    /** A prepay id this close to its end is not handed out again: the payer needs time to pay. */
    static final Duration PREPAY_REUSE_MARGIN = Duration.ofMinutes(5);

    protected Order() {}

    /** A new unpaid order that expires 30 minutes from now, checked on the default schedule. */
    public Order(String orderNo, long amountTotal, String currency, String description, OffsetDateTime now) {
        this(orderNo, amountTotal, currency, description, now, now.plusMinutes(30), CheckSchedule.DEFAULT);
    }

    /**
     * A new unpaid order, payable until {@code expiresAt}; its first check at WeChat Pay is due one schedule
     * step from now.
     */
    public Order(
            String orderNo,
            long amountTotal,
            String currency,
            String description,
            OffsetDateTime now,
            OffsetDateTime expiresAt,
            CheckSchedule schedule) {
        if (orderNo == null || !ORDER_NO.matcher(orderNo).matches()) {
            throw new IllegalArgumentException("orderNo must be 6-32 of 0-9 A-Z a-z _ - | *");
        }
        if (amountTotal <= 0) {
            throw new IllegalArgumentException("amountTotal must be a positive number of fen");
        }
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as CNY");
        }
        if (description != null && description.length() > DESCRIPTION_MAX) {
            throw new IllegalArgumentException("description may have at most " + DESCRIPTION_MAX + " characters");
        }
        this.orderNo = orderNo;
        this.amountTotal = amountTotal;
        this.currency = currency;
        this.description = description;
        this.payState = PayState.UNPAID;
        this.orderStatus = OrderStatus.PENDING_PAYMENT;
        this.createdAt = Objects.requireNonNull(now);
        this.updatedAt = now;
        this.expiresAt = Objects.requireNonNull(expiresAt);
        this.checkDueAt = schedule.due(now, 0);
    }

    /** Past {@code expiresAt}: the payer can no longer pay it. */
    public boolean expired(OffsetDateTime now) {
        return !now.isBefore(expiresAt);
    }

    /** Unpaid and {@code closeAfter} past its expiry: to be closed. */
    public boolean closeDue(OffsetDateTime now, Duration closeAfter) {
        return payState.awaitingPayment() && !now.isBefore(expiresAt.plus(closeAfter));
    }

    /**
     * The prepay id WeChat gave for this payer, while it is still worth handing out again (valid for two
     * hours from the prepay, less a margin for paying); empty otherwise.
     */
    public java.util.Optional<String> reusablePrepayId(String openId, OffsetDateTime now) {
        if (prepayId == null
                || !prepayOpenId.equals(openId)
                || !now.isBefore(prepaidAt.plus(PREPAY_VALIDITY).minus(PREPAY_REUSE_MARGIN))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(prepayId);
    }

    /**
     * WeChat Pay placed the order and gave this prepay id: the check schedule starts again from now (the
     * moment the payer can start paying). The pay state moves through {@link #paymentStarted}.
     */
    public void prepaid(String prepayId, String openId, OffsetDateTime now, CheckSchedule schedule) {
        if (prepayId == null || prepayId.isBlank() || openId == null || openId.isBlank()) {
            throw new IllegalArgumentException("a prepay needs its id and the payer's openid");
        }
        this.prepayId = prepayId;
        this.prepayOpenId = openId;
        this.prepaidAt = Objects.requireNonNull(now);
        if (payState.awaitingPayment()) {
            this.checkStep = 0;
            this.checkDueAt = schedule.due(now, 0);
        }
    }

    /**
     * WeChat Pay was asked and the order still awaits payment: the next check is the next step of the
     * schedule that lies in the future, but no later than the moment the order is to be closed (and soon
     * again if that moment has passed and the close did not happen). A settled order has no next check.
     */
    public void checked(OffsetDateTime now, CheckSchedule schedule) {
        if (!payState.awaitingPayment()) {
            checkDueAt = null;
            return;
        }
        OffsetDateTime base = prepaidAt != null ? prepaidAt : createdAt;
        OffsetDateTime next;
        do {
            next = schedule.due(base, ++checkStep);
        } while (!next.isAfter(now));
        OffsetDateTime closeAt = expiresAt.plus(schedule.closeAfter());
        checkDueAt = closeAt.isAfter(now) ? (next.isBefore(closeAt) ? next : closeAt) : now.plus(schedule.first());
    }

    /** Asking WeChat Pay failed (unreachable, throttled, a bad answer): ask again after {@code delay}. */
    public void checkFailed(OffsetDateTime now, Duration delay) {
        if (payState.awaitingPayment()) {
            checkDueAt = now.plus(delay);
        }
    }

    /** The customer started paying (a prepay order was placed with WeChat Pay). */
    public Transition paymentStarted(OffsetDateTime now) {
        return switch (payState) {
            case UNPAID, PAYMENT_FAILED -> move(PayState.PAYING, OrderStatus.PENDING_PAYMENT, now);
            case PAYING -> Transition.unchanged(Transition.Outcome.DUPLICATE, payState);
            case PAID, REFUNDED, CLOSED -> Transition.unchanged(Transition.Outcome.STALE, payState);
        };
    }

    /**
     * WeChat Pay says the customer paid. From unpaid, paying or failed: paid. From closed: paid too (the
     * money is real) but flagged for a person. Already paid or refunded: with the same transaction a
     * duplicate (or stale, after the refund); with another one a conflict: ours is kept and a person must
     * look, because the customer paid twice.
     */
    public Transition paymentSucceeded(String transactionId, OffsetDateTime paidAt, OffsetDateTime now) {
        if (transactionId == null || transactionId.isBlank()) {
            throw new IllegalArgumentException("a successful payment needs its transaction id");
        }
        Objects.requireNonNull(paidAt, "a successful payment needs its time");
        Objects.requireNonNull(now);
        return switch (payState) {
            case UNPAID, PAYING, PAYMENT_FAILED -> markPaid(Transition.Outcome.APPLIED, transactionId, paidAt, now);
            case CLOSED -> markPaid(Transition.Outcome.APPLIED_FLAGGED, transactionId, paidAt, now);
            case PAID, REFUNDED -> Transition.unchanged(
                    !transactionId.equals(this.transactionId)
                            ? Transition.Outcome.CONFLICT_FLAGGED
                            : payState == PayState.PAID ? Transition.Outcome.DUPLICATE : Transition.Outcome.STALE,
                    payState);
        };
    }

    /** The payment failed (trade state PAYERROR): only an order still awaiting payment records it. */
    public Transition paymentFailed(OffsetDateTime now) {
        return switch (payState) {
            case UNPAID, PAYING -> move(PayState.PAYMENT_FAILED, OrderStatus.PENDING_PAYMENT, now);
            case PAYMENT_FAILED -> Transition.unchanged(Transition.Outcome.DUPLICATE, payState);
            case PAID, REFUNDED, CLOSED -> Transition.unchanged(Transition.Outcome.STALE, payState);
        };
    }

    /** WeChat Pay closed or revoked the payment: an order still awaiting payment is closed. */
    public Transition paymentClosed(OffsetDateTime now) {
        return switch (payState) {
            case UNPAID, PAYING, PAYMENT_FAILED -> move(PayState.CLOSED, OrderStatus.CLOSED, now);
            case CLOSED -> Transition.unchanged(Transition.Outcome.DUPLICATE, payState);
            case PAID, REFUNDED -> Transition.unchanged(Transition.Outcome.STALE, payState);
        };
    }

    /**
     * A refund (one distinct refund, deduplicated by the caller) succeeded. It adds to the refunded sum;
     * reaching the total makes the order refunded, a partial refund keeps it paid. Only a paid order can
     * be refunded, and never past its total.
     */
    public Transition refundSucceeded(long amount, OffsetDateTime now) {
        if (amount <= 0) {
            throw new IllegalArgumentException("a refund amount must be positive");
        }
        Objects.requireNonNull(now);
        if (payState == PayState.REFUNDED) {
            return Transition.unchanged(Transition.Outcome.EXCEEDS_TOTAL, payState);
        }
        if (payState != PayState.PAID) {
            return Transition.unchanged(Transition.Outcome.NOT_PAID_YET, payState);
        }
        if (amount > amountTotal - refundedAmount) {
            return Transition.unchanged(Transition.Outcome.EXCEEDS_TOTAL, payState);
        }
        refundedAmount += amount;
        if (refundedAmount == amountTotal) {
            return move(PayState.REFUNDED, OrderStatus.REFUNDED, now);
        }
        updatedAt = now;
        return new Transition(Transition.Outcome.APPLIED, payState, payState);
    }

    private Transition markPaid(
            Transition.Outcome outcome, String transactionId, OffsetDateTime paidAt, OffsetDateTime now) {
        PayState from = payState;
        this.transactionId = transactionId;
        this.paidAt = paidAt;
        move(PayState.PAID, OrderStatus.PAID, now);
        return new Transition(outcome, from, PayState.PAID);
    }

    private Transition move(PayState to, OrderStatus status, OffsetDateTime now) {
        PayState from = payState;
        payState = to;
        if (!to.awaitingPayment()) {
            checkDueAt = null; // settled: nothing left to ask WeChat Pay
        }
        orderStatus = status;
        updatedAt = Objects.requireNonNull(now);
        return new Transition(Transition.Outcome.APPLIED, from, to);
    }

    public Long id() {
        return id;
    }

    public String orderNo() {
        return orderNo;
    }

    public long amountTotal() {
        return amountTotal;
    }

    public String currency() {
        return currency;
    }

    public String description() {
        return description;
    }

    public PayState payState() {
        return payState;
    }

    public OrderStatus orderStatus() {
        return orderStatus;
    }

    public String transactionId() {
        return transactionId;
    }

    public OffsetDateTime paidAt() {
        return paidAt;
    }

    public long refundedAmount() {
        return refundedAmount;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public OffsetDateTime expiresAt() {
        return expiresAt;
    }

    public String prepayId() {
        return prepayId;
    }

    public OffsetDateTime prepaidAt() {
        return prepaidAt;
    }

    public OffsetDateTime checkDueAt() {
        return checkDueAt;
    }

    public int checkStep() {
        return checkStep;
    }

    public long version() {
        return version;
    }
}
