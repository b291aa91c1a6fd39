package com.minishop.tools;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Payara Micro with the WAR, as a child process: started with the given environment, judged ready only
 * when its HTTP listener is bound and our own health check and our own API answer (Payara Micro says
 * "ready" even when the deployment failed, or when its HTTP listener never started), stopped gently or
 * killed outright (the fault tests' SIGKILL). Every tool and test that starts servers goes through here.
 *
 * <p>Hazelcast is switched off ({@code --nohazelcast}, and without {@code --nocluster}: Payara Micro
 * ignores the first when given the second, and {@code --nocluster} alone still starts a member on port
 * 6900 and up). A second instance's Hazelcast found the first one's ports taken, and Hazelcast starts on
 * the same startup thread as the HTTP listener, which once never came up while Payara printed "ready".
 * The service uses nothing of Hazelcast (its timers are non-persistent, its caches its own), and a start
 * without it is about 5 s shorter.
 */
public final class PayaraProcess implements AutoCloseable {

    /** The server settings the service expects (asadmin commands), relative to the project. */
    public static final String POST_BOOT_COMMANDS = "src/main/payara/post-boot-commands.asadmin";

    private final Process process;
    private final int requestedPort;
    private final PayaraStartWatch start;

    private PayaraProcess(Process process, int requestedPort) {
        this.process = process;
        this.requestedPort = requestedPort;
        this.start = new PayaraStartWatch(requestedPort);
    }

    /**
     * Starts Payara Micro with {@code war} on exactly {@code port} (the run command: an operator asked for
     * that port), after the server settings in {@link #POST_BOOT_COMMANDS} when that file is there; its
     * output goes to {@code log}, or to ours when null. Wait with {@link #awaitReady}.
     */
    public static PayaraProcess start(
            Path micro, Path war, int port, Map<String, String> env, List<String> jvmOptions, Path log)
            throws IOException {
        return launch(micro, war, port, false, env, jvmOptions, log);
    }

    /**
     * Starts Payara Micro for a test and waits until it is ready. Payara binds the first free port from
     * {@code firstPort} on ({@code --autobindhttp}) and the port is read from its own output, so there is
     * no window between choosing a port and binding it. A start that fails at once (port taken, HTTP
     * listener missing) is tried again on another port, three times in all; what still fails is thrown.
     */
    public static PayaraProcess startReady(
            Path micro,
            Path war,
            int firstPort,
            Map<String, String> env,
            List<String> jvmOptions,
            Path log,
            Duration limit)
            throws IOException, InterruptedException {
        int port = firstPort;
        for (int attempt = 1; ; attempt++) {
            PayaraProcess server = launch(micro, war, port, true, env, jvmOptions, log);
            String problem = server.awaitReady(limit);
            if (problem == null) {
                return server;
            }
            server.kill();
            if (!server.start.worthAnotherPort() || attempt == 3) {
                throw new IllegalStateException("Payara Micro did not start (attempt " + attempt + "): " + problem
                        + (log == null ? "" : "; log: " + log));
            }
            System.out.printf("Payara Micro on port %d: %s; trying again on another port%n", port, problem);
            port = freePort();
        }
    }

    private static PayaraProcess launch(
            Path micro,
            Path war,
            int port,
            boolean autobind,
            Map<String, String> env,
            List<String> jvmOptions,
            Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar", micro.toString(), "--nohazelcast", "--port", String.valueOf(port), "--deploy", war.toString()));
        if (autobind) {
            command.addAll(List.of("--autobindhttp", "--autobindrange", "100"));
        }
        Path postBoot = Path.of(System.getProperty("project.dir", ".")).resolve(POST_BOOT_COMMANDS);
        if (Files.isRegularFile(postBoot)) {
            command.addAll(List.of("--postbootcommandfile", postBoot.toString()));
        }
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        var payara = new PayaraProcess(builder.start(), port);
        payara.copyOutput(log == null ? System.out : new PrintStream(Files.newOutputStream(log, CREATE, APPEND)));
        return payara;
    }

    /** Copies the server's output to {@code target}, watching for the lines that say how its start went. */
    private void copyOutput(PrintStream target) {
        var copier = new Thread(
                () -> {
                    try (var lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            target.println(line);
                            start.read(line, Instant.now());
                        }
                    } catch (IOException e) {
                        // the process is gone
                    } finally {
                        target.flush();
                        if (target != System.out) {
                            target.close();
                        }
                    }
                },
                "payara-output-" + requestedPort);
        copier.setDaemon(true);
        copier.start();
    }

    /** The address the server answers on: its bound port once known, else the one it was asked for. */
    public String baseUrl() {
        return "http://localhost:" + port() + "/";
    }

    public int port() {
        int bound = start.boundPort();
        return bound != 0 ? bound : requestedPort;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** True when the server could not bind its HTTP port (some other socket took it first). */
    public boolean portTaken() {
        return start.portTaken();
    }

    /** Null when /health/ready is UP with our database check and our API answers; else what is wrong. */
    public String awaitReady(Duration limit) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(limit);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return "Payara Micro exited with status " + process.exitValue();
            }
            String failure = start.failure(Instant.now());
            if (failure != null) {
                return failure;
            }
            if (start.boundPort() == 0) {
                last = "no HTTP listener yet";
                Thread.sleep(250);
                continue;
            }
            try {
                var health = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "health/ready"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"database\"")) {
                    // an admin call without credentials must be refused by our filter, in our JSON
                    var api = http.send(
                            HttpRequest.newBuilder(URI.create(baseUrl() + "api/v1/tenants/1/orders/probe1"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (api.statusCode() == 401 && api.body().contains("UNAUTHORIZED")) {
                        return null;
                    }
                    last = "the API answered " + api.statusCode() + " instead of our 401";
                } else {
                    last = "health answered " + health.statusCode() + ": " + health.body();
                }
            } catch (IOException e) {
                last = "no answer yet (" + e.getClass().getSimpleName() + ")";
            }
            Thread.sleep(500);
        }
        return "the application did not become ready within " + limit.toSeconds() + " s; last: " + last;
    }

    /** SIGKILL: no shutdown, no goodbye, as a crashed machine would do. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A gentle stop, forced after 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A port that is free now and, where the machine allows, outside the kernel's ephemeral range: a port
     * from that range can be taken, before a server binds it, by any outgoing connection of the test.
     */
    public static int freePort() {
        int[] ephemeral = ephemeralPortRange();
        var random = new Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 10_000 + random.nextInt(55_000);
            boolean inEphemeral = port >= ephemeral[0] && port <= ephemeral[1];
            if (inEphemeral && attempt < 150) {
                continue; // only when nothing outside the range is free
            }
            try (var socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port found"));
    }

    /** The kernel's range for outgoing connections' ports (Linux; the usual default elsewhere). */
    private static int[] ephemeralPortRange() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim()
                    .split("\\s+");
            return new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[1])};
        } catch (IOException | RuntimeException unknown) {
            return new int[] {32_768, 60_999};
        }
    }
}
