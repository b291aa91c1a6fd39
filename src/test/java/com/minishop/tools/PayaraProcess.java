package com.minishop.tools;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
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
import java.util.concurrent.TimeUnit;

/**
 * Payara Micro with the WAR, as a child process: started with the given environment, judged ready only
 * when our own health check and our own API answer (Payara Micro says "ready" even when the deployment
 * failed), stopped gently or killed outright (the fault tests' SIGKILL).
 */
public final class PayaraProcess implements AutoCloseable {

    /** The server settings the service expects (asadmin commands), relative to the project. */
    public static final String POST_BOOT_COMMANDS = "src/main/payara/post-boot-commands.asadmin";

    private final Process process;
    private final int port;
    /** Payara Micro's own word that it gave up (it says so, and then keeps running without a listener). */
    private volatile String startFailure;

    private PayaraProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts Payara Micro on {@code port} with {@code war}, after the server settings in {@link
     * #POST_BOOT_COMMANDS} when that file is there; its output goes to {@code log}, or to ours when null.
     */
    public static PayaraProcess start(
            Path micro, Path war, int port, Map<String, String> env, List<String> jvmOptions, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar", micro.toString(), "--nocluster", "--port", String.valueOf(port), "--deploy", war.toString()));
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

    /** Copies the server's output to {@code target}, watching for the lines that say it did not start. */
    private void copyOutput(PrintStream target) {
        var copier = new Thread(
                () -> {
                    try (var lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            target.println(line);
                            if (startFailure == null && line.contains("java.net.BindException")) {
                                startFailure = "port " + port + " is taken (" + line.strip() + ")";
                            } else if (startFailure == null && line.contains("Failed to start, exiting")) {
                                startFailure = "Payara Micro says: Failed to start";
                            }
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
                "payara-output-" + port);
        copier.setDaemon(true);
        copier.start();
    }

    public String baseUrl() {
        return "http://localhost:" + port + "/";
    }

    public int port() {
        return port;
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
        return startFailure != null && startFailure.startsWith("port ");
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
            if (startFailure != null) {
                return startFailure;
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
}
