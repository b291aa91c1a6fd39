package com.minishop.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Payara Micro's start as its output tells it, on the lines it really prints (ODL format). */
class PayaraStartWatchTest {

    private static final String PREFIX =
            "[2026-12-02T05:08:43.078+0000] [] [INFO] [NCLS-CORE-00101] [javax.enterprise.system.core] [tid: _ThreadID=24"
                    + " _ThreadName=RunLevelControllerThread-1796188115595] [timeMillis: 1796188123078] [levelValue: 800] ";
    private static final String BOUND =
            PREFIX + "Network Listener http-listener started in: 40ms - bound to [/0.0.0.0:21017]";
    private static final String READY = "[2026-12-02T05:08:44.085+0000] [] [INFO] [] [PayaraMicro] [tid: _ThreadID=1"
            + " _ThreadName=main] [timeMillis: 1796188124085] [levelValue: 800] Payara Micro 6.2025.10 (build 42) ready in"
            + " 12,354 (ms)";
    private static final String NO_PROXY = "[2026-12-02T05:08:44.001+0000] [] [SEVERE] [AS-WEB-GLUE-00167]"
            + " [javax.enterprise.web] [tid: _ThreadID=1 _ThreadName=main] [levelValue: 1000] Error adding HttpProbes."
            + " NetworkListener http-listeners GrizzlyProxy is NULL";

    private final Instant t0 = Instant.parse("2026-12-02T05:08:44Z");
    private final PayaraStartWatch watch = new PayaraStartWatch(21000);

    @Test
    void theBoundPortIsReadFromTheListenerLine() {
        watch.read(BOUND, t0);
        watch.read(READY, t0);

        assertThat(watch.boundPort()).isEqualTo(21017);
        assertThat(watch.failure(t0.plusSeconds(60))).isNull();
    }

    @Test
    void theServicesRefusalToStartFailsTheStartAtOnceWithItsReason() {
        watch.read(BOUND, t0);
        watch.read(
                "[2026-12-02T05:57:07.034+0000] [] [SEVERE] [] [com.minishop.database.Database] [tid: _ThreadID=1"
                        + " _ThreadName=main] [levelValue: 1000] REFUSING TO START: the database user postgres is a"
                        + " PostgreSQL superuser",
                t0);

        assertThat(watch.failure(t0))
                .isEqualTo("REFUSING TO START: the database user postgres is a PostgreSQL superuser");
        assertThat(watch.worthAnotherPort()).isFalse();
    }

    @Test
    void readyWithoutAListenerIsAFailedStartAfterTheGrace() {
        watch.read(READY, t0);

        assertThat(watch.failure(t0.plusSeconds(1))).as("within the grace").isNull();
        assertThat(watch.failure(t0.plus(PayaraStartWatch.LISTENER_GRACE).plusSeconds(1)))
                .contains("the HTTP listener did not start");
        assertThat(watch.worthAnotherPort()).isTrue();
        assertThat(watch.portTaken()).isFalse();
    }

    @Test
    void theMissingProxyLineFailsTheStartAtOnce() {
        watch.read(NO_PROXY, t0);

        assertThat(watch.failure(t0)).contains("the HTTP listener did not start", "GrizzlyProxy is NULL");
        assertThat(watch.worthAnotherPort()).isTrue();
    }

    @Test
    void theSpuriousLineOfTheDisabledHttpsListenerIsNoFailure() {
        watch.read(NO_PROXY.replace("http-listeners", "https-listeners"), t0);
        watch.read(BOUND, t0);

        assertThat(watch.failure(t0.plusSeconds(60))).isNull();
    }

    @Test
    void aPortTakenByAnotherSocketIsSaidAsSuch() {
        watch.read(
                "[SEVERE] [NCLS-CORE-00097] Network Listener `http-listener` could not start - unable to bind to"
                        + " [/0.0.0.0:21000]",
                t0);

        assertThat(watch.failure(t0)).startsWith("port 21000 is taken");
        assertThat(watch.portTaken()).isTrue();
        assertThat(watch.worthAnotherPort()).isTrue();
    }

    @Test
    void failedToStartIsNotCuredByAnotherPort() {
        watch.read("Failed to start, exiting", t0);

        assertThat(watch.failure(t0)).isEqualTo("Payara Micro says: Failed to start");
        assertThat(watch.worthAnotherPort()).isFalse();
    }
}
