package com.minishop.payment.wechat;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link NotificationBenchmark} ours and sdk with 1 and 2 threads, in three rounds of
 * alternating order (so that load from other processes on a shared machine does not always hit the
 * same side), one fork per run, and prints both scores, the ratio and the system load. About 3
 * minutes on 2 cores. Run: {@code mvn -Pjmh -q test-compile exec:exec}.
 */
public final class NotificationBenchmarkMain {

    private static final int[] THREADS = {1, 2};
    private static final int ROUNDS = 3;

    private NotificationBenchmarkMain() {}

    public static void main(String[] args) throws RunnerException {
        double loadBefore = loadAverage();
        // scores[threads][benchmark] = one score per round
        Map<Integer, Map<String, List<Double>>> scores = new TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            boolean oursFirst = round % 2 == 0;
            for (int t = 0; t < THREADS.length; t++) {
                int threads = THREADS[oursFirst ? t : THREADS.length - 1 - t];
                for (String benchmark :
                        oursFirst ? new String[] {"ours", "sdk"} : new String[] {"sdk", "ours"}) {
                    scores.computeIfAbsent(threads, k -> new TreeMap<>())
                            .computeIfAbsent(benchmark, k -> new ArrayList<>())
                            .add(run(benchmark, threads));
                }
            }
        }
        double loadAfter = loadAverage();

        System.out.println();
        System.out.println(
                "WeChat Pay v3 notification: verify + decrypt + read, throughput in ops/s"
                        + " (higher is better), mean of "
                        + ROUNDS
                        + " rounds");
        System.out.printf(
                Locale.ROOT,
                "%-8s %-8s %-8s %-9s %-16s %s%n",
                "threads",
                "ours",
                "sdk",
                "ours/sdk",
                "median of rounds",
                "per round: ours/sdk");
        scores.forEach(
                (threads, byName) -> {
                    List<Double> ours = byName.get("ours");
                    List<Double> sdk = byName.get("sdk");
                    List<Double> ratios = new ArrayList<>();
                    StringBuilder rounds = new StringBuilder();
                    for (int i = 0; i < ours.size(); i++) {
                        ratios.add(ours.get(i) / sdk.get(i));
                        rounds.append(
                                String.format(
                                        Locale.ROOT,
                                        "%s%.0f/%.0f=%.2f",
                                        i == 0 ? "" : "  ",
                                        ours.get(i),
                                        sdk.get(i),
                                        ratios.get(i)));
                    }
                    Collections.sort(ratios);
                    System.out.printf(
                            Locale.ROOT,
                            "%-8d %-8.0f %-8.0f %-9.2f %-16.2f %s%n",
                            threads,
                            mean(ours),
                            mean(sdk),
                            mean(ours) / mean(sdk),
                            ratios.get(ratios.size() / 2),
                            rounds);
                });
        System.out.printf(
                Locale.ROOT,
                "system load average: %.2f before, %.2f after, on %d cores"
                        + " (above the core count, other processes competed for the CPU)%n",
                loadBefore,
                loadAfter,
                Runtime.getRuntime().availableProcessors());
    }

    private static double run(String benchmark, int threads) throws RunnerException {
        Options options =
                new OptionsBuilder()
                        .include(NotificationBenchmark.class.getName() + "\\." + benchmark + "$")
                        .threads(threads)
                        .forks(1)
                        .jvmArgs("-Xms512m", "-Xmx512m")
                        .warmupIterations(3)
                        .warmupTime(TimeValue.seconds(1))
                        .measurementIterations(4)
                        .measurementTime(TimeValue.seconds(2))
                        .timeUnit(TimeUnit.SECONDS)
                        .build();
        RunResult result = new Runner(options).runSingle();
        return result.getPrimaryResult().getScore();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
