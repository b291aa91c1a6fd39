package com.minishop.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The callback benchmark ({@link LoadBenchmark}) as a child process of this JVM's classpath, for the
 * benchmarks that measure what their work costs the callbacks: each runs it alone, during its work and
 * alone again, and compares ({@link SweepBenchmark}, {@link ReconcileBenchmark}). Its output goes to
 * {@code target/<prefix>-callbacks-<label>.log}.
 */
public record CallbackRuns(String prefix, String url, String password, int seconds) {

    private static final Pattern CALLBACKS_PER_SECOND = Pattern.compile("\\| ([0-9,]+) callbacks/s \\|");

    /** {@code --name value} pairs of a benchmark's command line, or null after printing the usage (asked or malformed). */
    public static java.util.Map<String, String> options(String[] args, String usage) {
        java.util.Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("help") || args[i].equals("--help") || i + 1 >= args.length) {
                System.out.println(usage);
                return null;
            }
            o.put(args[i].replaceFirst("^--", ""), args[++i]);
        }
        return o;
    }

    /** What the run command wrote of the running service ({@code .data/dev-server.properties}), or nothing. */
    public static Properties devServer() throws IOException {
        Properties dev = new Properties();
        Path devFile = Path.of(".data", DevServer.PROPERTIES_FILE);
        if (Files.isRegularFile(devFile)) {
            try (var in = Files.newBufferedReader(devFile)) {
                dev.load(in);
            }
        }
        return dev;
    }

    /** The figure during the work as a share of the mean of the two alone; NaN when one is missing. */
    public static double ratio(Double aloneBefore, Double during, Double aloneAfter) {
        if (aloneBefore == null || during == null || aloneAfter == null) {
            return Double.NaN;
        }
        return during / ((aloneBefore + aloneAfter) / 2);
    }

    /** Runs it and answers its callbacks/s; {@code onLoad} runs once its load starts (the first warm-up). */
    public Double run(String label, Runnable onLoad) {
        if (seconds <= 0) {
            return null;
        }
        Path log = Path.of("target", prefix + "-callbacks-" + label.replaceAll("[^a-z]+", "-") + ".log");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xms1g",
                            "-Xmx2g",
                            "-Dproject.dir=" + System.getProperty("project.dir", "."),
                            "-cp",
                            System.getProperty("java.class.path"),
                            LoadBenchmark.class.getName(),
                            "--url",
                            url,
                            "--password",
                            password,
                            "--duration",
                            Integer.toString(seconds),
                            "--ceiling",
                            "0")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean loaded = onLoad == null;
            while (!loaded && process.isAlive()) {
                Thread.sleep(200);
                loaded = Files.readString(log).contains("warm-up 1:");
            }
            if (onLoad != null) {
                onLoad.run();
            }
            int exit = process.waitFor();
            String summary = Files.readAllLines(log).stream()
                    .filter(line -> line.startsWith("summary |"))
                    .findFirst()
                    .orElse(null);
            System.out.printf("callback benchmark %s (exit %d, %s): %s%n", label, exit, log, summary);
            var figure = summary == null ? null : CALLBACKS_PER_SECOND.matcher(summary);
            return figure != null && figure.find() && exit == 0
                    ? Double.valueOf(figure.group(1).replace(",", ""))
                    : null;
        } catch (IOException e) {
            System.out.println("callback benchmark " + label + " could not run: " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
