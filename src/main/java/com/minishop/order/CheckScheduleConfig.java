package com.minishop.order;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The check schedule as configured ({@code PAYMENT_QUERY_SCHEDULE}, {@code PAYMENT_CLOSE_AFTER_SECONDS}):
 * read once; a value that does not parse fails the deployment rather than guessing.
 */
@ApplicationScoped
public class CheckScheduleConfig {

    @Inject
    @ConfigProperty(name = "PAYMENT_QUERY_SCHEDULE", defaultValue = "60,120,300,600,1800")
    String steps;

    @Inject
    @ConfigProperty(name = "PAYMENT_CLOSE_AFTER_SECONDS", defaultValue = "300")
    long closeAfterSeconds;

    private CheckSchedule schedule;

    @PostConstruct
    void init() {
        schedule = CheckSchedule.parse(steps, closeAfterSeconds);
    }

    public CheckSchedule get() {
        return schedule;
    }
}
