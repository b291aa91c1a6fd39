package com.minishop.warmup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the warm-up runs: a load balancer sends the first payments to a compiled callback path. */
@Readiness
@ApplicationScoped
public class WarmupReadiness implements HealthCheck {

    @Inject
    Warmup warmup;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warm-up")
                .status(warmup.done())
                .withData("rounds", warmup.rounds())
                .build();
    }
}
