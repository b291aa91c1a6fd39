package com.minishop.tools;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Payara Micro's own output says about its start: the port its HTTP listener really bound, and the
 * ways a start fails while the process stays up. Payara prints "ready" even when its listener could not
 * bind (another socket took the port) or never started at all, so readiness is judged here, not by that
 * word.
 */
final class PayaraStartWatch {

    /** Grizzly's NCLS-CORE-00101 line for our listener: the port it really bound. */
    private static final Pattern LISTENER_BOUND =
            Pattern.compile("Network Listener http-listener started in: \\d+ms - bound to \\[.*:(\\d+)\\]");

    /** How long after Payara's "ready" its HTTP listener may still be missing before the start counts as failed. */
    static final Duration LISTENER_GRACE = Duration.ofSeconds(5);

    private final int requestedPort;
    private volatile int boundPort;
    private volatile Instant saidReadyAt;
    private volatile String failure;
    private volatile boolean portTaken;
    private volatile boolean listenerMissing;

    PayaraStartWatch(int requestedPort) {
        this.requestedPort = requestedPort;
    }

    /** Reads one line of Payara's output. */
    void read(String line, Instant now) {
        Matcher bound = LISTENER_BOUND.matcher(line);
        if (bound.find()) {
            boundPort = Integer.parseInt(bound.group(1));
        } else if (line.contains("java.net.BindException") || line.contains("could not start - unable to bind")) {
            portTaken = true;
            fail("port " + requestedPort + " is taken (" + line.strip() + ")");
        } else if (line.contains("REFUSING TO START: ")) {
            // the service's own refusal (a database role that row-level security would not bind)
            fail(line.substring(line.indexOf("REFUSING TO START: ")).strip());
        } else if (line.contains("Failed to start, exiting")) {
            fail("Payara Micro says: Failed to start");
        } else if (line.contains("NetworkListener http-listeners GrizzlyProxy is NULL")) {
            listenerMissing = true;
            fail("the HTTP listener did not start (" + line.strip() + ")");
        } else if (line.contains("Payara Micro") && line.contains(" ready in ")) {
            saidReadyAt = now;
        }
    }

    private void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
    }

    /** The port the HTTP listener bound, 0 while it has not. */
    int boundPort() {
        return boundPort;
    }

    /** Null while nothing says the start failed; else why it did. */
    String failure(Instant now) {
        Instant ready = saidReadyAt;
        if (failure == null && boundPort == 0 && ready != null && now.isAfter(ready.plus(LISTENER_GRACE))) {
            listenerMissing = true;
            fail("the HTTP listener did not start: Payara Micro said it is ready " + LISTENER_GRACE.toSeconds()
                    + " s before, and no 'Network Listener http-listener started' line came");
        }
        return failure;
    }

    boolean portTaken() {
        return portTaken;
    }

    /** True when the start failed in a way another port may cure: the port taken, or no HTTP listener. */
    boolean worthAnotherPort() {
        return portTaken || listenerMissing;
    }
}
