package com.minishop.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording of the service spent its CPU: the share of {@code jdk.ExecutionSample}s by layer
 * (the first frame of the stack, from the top, that belongs to a known layer: our code, EclipseLink,
 * Grizzly, Jersey, ...), the hottest top frames, and the hottest frames of our own code anywhere in the
 * stack. {@code jfr print --events jdk.ExecutionSample} gives the raw samples; this adds them up.
 *
 * <pre>
 * PAYMENT_JVM_OPTIONS="-Xms1g -Xmx1g -XX:StartFlightRecording=filename=/tmp/service.jfr,settings=profile" ./run.sh
 * ./benchmark.sh ...; jcmd $(payara pid) JFR.dump name=1 filename=/tmp/service.jfr
 * java -cp target/test-classes com.minishop.tools.ProfileSummary /tmp/service.jfr [top-n] [from-seconds] [to-seconds]
 * </pre>
 */
public final class ProfileSummary {

    /** Layers by package prefix; the first matching frame from the top of the stack names the layer. */
    private static final Map<String, String> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("com.minishop.", "our code");
        LAYERS.put("org.eclipse.persistence.", "EclipseLink");
        LAYERS.put("org.postgresql.", "PostgreSQL driver");
        LAYERS.put("com.sun.gjc.", "Payara JDBC pool");
        LAYERS.put("com.sun.enterprise.resource.", "Payara JDBC pool");
        LAYERS.put("com.sun.enterprise.connectors.", "Payara JDBC pool");
        LAYERS.put("com.sun.jts.", "transactions (JTA)");
        LAYERS.put("com.sun.enterprise.transaction.", "transactions (JTA)");
        LAYERS.put("com.sun.ejb.", "EJB container");
        LAYERS.put("org.glassfish.ejb.", "EJB container");
        LAYERS.put("org.jboss.weld.", "CDI (Weld)");
        LAYERS.put("org.glassfish.jersey.", "Jersey");
        LAYERS.put("org.glassfish.hk2.", "Jersey");
        LAYERS.put("org.jvnet.hk2.", "Jersey");
        LAYERS.put("org.glassfish.grizzly.", "Grizzly");
        LAYERS.put("org.apache.catalina.", "servlet container");
        LAYERS.put("org.glassfish.web.", "servlet container");
        LAYERS.put("com.sun.enterprise.web.", "servlet container");
        LAYERS.put("fish.payara.", "Payara (other)");
        LAYERS.put("com.sun.enterprise.", "Payara (other)");
        LAYERS.put("org.glassfish.", "Payara (other)");
        LAYERS.put("org.eclipse.yasson.", "JSON-B");
        LAYERS.put("org.eclipse.parsson.", "JSON-B");
        LAYERS.put("sun.security.", "crypto");
        LAYERS.put("com.sun.crypto.", "crypto");
        LAYERS.put("java.util.logging.", "logging");
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ProfileSummary <recording.jfr> [top-n] [from-seconds] [to-seconds]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        double from = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        double to = args.length > 3 ? Double.parseDouble(args[3]) : Double.MAX_VALUE;
        Map<String, Long> layers = new HashMap<>();
        Map<String, Long> topFrames = new HashMap<>();
        Map<String, Long> ours = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long samples = 0;
        List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
        long start = events.stream()
                .mapToLong(e -> e.getStartTime().toEpochMilli())
                .min()
                .orElse(0);
        for (RecordedEvent event : events) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            double at = (event.getStartTime().toEpochMilli() - start) / 1000.0;
            if (at < from || at > to) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            topFrames.merge(name(frames.get(0)), 1L, Long::sum);
            String layer = "JDK and other";
            outer:
            for (RecordedFrame frame : frames) {
                String type = frame.getMethod().getType().getName();
                for (var entry : LAYERS.entrySet()) {
                    if (type.startsWith(entry.getKey())) {
                        layer = entry.getValue();
                        break outer;
                    }
                }
            }
            layers.merge(layer, 1L, Long::sum);
            for (RecordedFrame frame : frames) {
                if (frame.getMethod().getType().getName().startsWith("com.minishop.")) {
                    ours.merge(name(frame), 1L, Long::sum);
                    break;
                }
            }
            var thread = event.getThread("sampledThread");
            String threadName = thread == null || thread.getJavaName() == null
                    ? "?"
                    : thread.getJavaName().replaceAll("[0-9]+", "#");
            threads.merge(threadName, 1L, Long::sum);
        }
        System.out.printf(
                Locale.ROOT, "%,d execution samples%n%nby layer (first known frame from the top):%n", samples);
        print(layers, samples, 30);
        System.out.printf(Locale.ROOT, "%ntop frames:%n");
        print(topFrames, samples, top);
        System.out.printf(
                Locale.ROOT, "%nour code, innermost frame (inclusive of what it calls below the layers above):%n");
        print(ours, samples, top);
        System.out.printf(Locale.ROOT, "%nby thread:%n");
        print(threads, samples, 10);
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "."
                + frame.getMethod().getName() + " (" + type + ")";
    }

    private static void print(Map<String, Long> counts, long total, int limit) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        for (var entry : sorted.subList(0, Math.min(limit, sorted.size()))) {
            System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * entry.getValue() / total, entry.getKey());
        }
    }

    private ProfileSummary() {}
}
