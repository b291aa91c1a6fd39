package com.minishop.bill;

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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every day from {@code PAYMENT_BILL_TIME} (default 10:30, Asia/Shanghai; WeChat publishes the previous
 * day's bills after 10:00) each tenant with API access reconciles the previous day, once: the day's row
 * is claimed in the database, so with several instances one of them runs it. A day whose bill was still
 * being created (PENDING), or whose run failed (FAILED), is taken again when its next attempt is due (30
 * minutes later), as long as it is the previous day. One thread looks
 * every {@code PAYMENT_BILL_POLL_SECONDS} (default 60).
 */
@Singleton
@Startup
@DependsOn("Database")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class DailyReconciliation {

    private static final Logger LOG = Logger.getLogger(DailyReconciliation.class.getName());

    @Resource
    private ManagedThreadFactory threads;

    @Inject
    Reconciliations reconciliations;

    @Inject
    @ConfigProperty(name = "PAYMENT_BILL_TIME", defaultValue = "10:30")
    String billTime;

    @Inject
    @ConfigProperty(name = "PAYMENT_BILL_POLL_SECONDS", defaultValue = "60")
    long pollSeconds;

    @Inject
    @ConfigProperty(name = "PAYMENT_BILL_ENABLED", defaultValue = "true")
    boolean enabled;

    private LocalTime time;
    private volatile boolean running;
    private Thread loop;

    @PostConstruct
    void start() {
        try {
            time = LocalTime.parse(billTime.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("PAYMENT_BILL_TIME must be HH:mm (Asia/Shanghai), not " + billTime);
        }
        if (pollSeconds < 1) {
            throw new IllegalArgumentException("PAYMENT_BILL_POLL_SECONDS must be at least 1");
        }
        if (!enabled) {
            LOG.info("the daily reconciliation is disabled (PAYMENT_BILL_ENABLED=false)");
            return;
        }
        running = true;
        loop = threads.newThread(this::run);
        loop.setName("daily-reconciliation");
        loop.start();
        LOG.info(() -> "daily reconciliation at " + time + " Asia/Shanghai");
    }

    @PreDestroy
    void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                LocalDateTime now = LocalDateTime.now(Reconciliations.BEIJING);
                if (!now.toLocalTime().isBefore(time)) {
                    LocalDate day = now.toLocalDate().minusDays(1);
                    for (long tenant : reconciliations.due(day)) {
                        if (!running) {
                            return;
                        }
                        try {
                            reconciliations.run(tenant, day, true);
                        } catch (RuntimeException e) {
                            LOG.log(
                                    Level.WARNING,
                                    "tenant " + tenant + ": the daily reconciliation of " + day
                                            + " failed; the next round tries again",
                                    e);
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the daily reconciliation failed this round; it tries again", e);
            }
            try {
                Thread.sleep(pollSeconds * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
