package com.minishop.warmup;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the warm-up once the application is deployed and the schema migrated: {@code
 * PAYMENT_WARMUP_SECONDS} seconds (default 0: none; the run command sets 20) of {@link WarmupRound}s on
 * two threads, one per core of the reference machine. Until they end, {@link WarmupReadiness} says not
 * ready. A failing round ends the warm-up early (logged); it never keeps the service from becoming ready.
 */
@Singleton
@Startup
@DependsOn("Database")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Warmup {

    private static final Logger LOG = Logger.getLogger(Warmup.class.getName());

    private static final int THREADS = 2;

    @Resource
    private ManagedExecutorService executor;

    @EJB
    private WarmupRound round;

    private volatile boolean done;
    private final AtomicInteger rounds = new AtomicInteger();

    @PostConstruct
    void start() {
        int seconds = ConfigProvider.getConfig()
                .getOptionalValue("PAYMENT_WARMUP_SECONDS", Integer.class)
                .orElse(0);
        if (seconds <= 0) {
            done = true;
            return;
        }
        long started = System.nanoTime();
        var keys = WarmupKeys.generate();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        var threads = new CompletableFuture<?>[THREADS];
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads[t] = CompletableFuture.runAsync(
                    () -> {
                        try {
                            // at least one round each, however short the time: the first is the slowest
                            int i = 0;
                            do {
                                round.run(keys, "WARMUP" + thread + "-" + i++);
                                rounds.incrementAndGet();
                            } while (System.nanoTime() < deadline);
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "warm-up ended early; the service starts anyway", e);
                        }
                    },
                    executor);
        }
        CompletableFuture.allOf(threads).whenComplete((ignored, failure) -> {
            round.forget();
            done = true;
            LOG.info(() -> "warm-up: " + rounds.get() + " rolled-back callback rounds in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms; ready");
        });
    }

    public boolean done() {
        return done;
    }

    public int rounds() {
        return rounds.get();
    }
}
