package com.minishop.payment;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * MicroProfile Metrics of the callback endpoint, for an operator's alerts: {@code payment_callbacks_total}
 * by outcome (a rising {@code ERROR}, {@code BAD_SIGNATURE} or {@code MISMATCH} wants a person) and the
 * {@code payment_callback_time} timer. Served by the server at {@code /metrics?scope=application}. Also
 * the plain count of deliveries answered by this instance, which the sweep samples to give way to a peak.
 */
@ApplicationScoped
public class CallbackMetrics {

    private static final Metadata CALLBACKS = Metadata.builder()
            .withName("payment_callbacks")
            .withDescription("WeChat Pay notification deliveries by outcome")
            .build();

    private static final Metadata TIME = Metadata.builder()
            .withName("payment_callback_time")
            .withDescription("Time from receiving a notification to answering it")
            .build();

    @Inject
    MetricRegistry registry;

    private final ConcurrentHashMap<String, Counter> byOutcome = new ConcurrentHashMap<>();
    private final LongAdder deliveries = new LongAdder();
    private Timer time;

    @PostConstruct
    void init() {
        time = registry.timer(TIME);
    }

    public void record(String outcome, long startedNanos) {
        byOutcome
                .computeIfAbsent(outcome, o -> registry.counter(CALLBACKS, new Tag("outcome", o)))
                .inc();
        time.update(Duration.ofNanos(System.nanoTime() - startedNanos));
        deliveries.increment();
    }

    /** Deliveries answered by this instance since it started. */
    public long deliveries() {
        return deliveries.sum();
    }
}
