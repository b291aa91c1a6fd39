package com.minishop.payment;

import com.minishop.payment.wechat.NotificationVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one notification verifier, configured from {@code PAYMENT_NOTIFY_TOLERANCE_SECONDS}. */
@ApplicationScoped
public class VerifierProducer {

    @Inject
    @ConfigProperty(name = "PAYMENT_NOTIFY_TOLERANCE_SECONDS", defaultValue = "300")
    long toleranceSeconds;

    /** A pseudo-scoped singleton: the verifier is a final, thread-safe class that needs no proxy. */
    @Produces
    @Singleton
    NotificationVerifier verifier() {
        return new NotificationVerifier(
                Clock.systemUTC(), Duration.ofSeconds(toleranceSeconds), NotificationVerifier.DEFAULT_MAX_BODY_BYTES);
    }
}
