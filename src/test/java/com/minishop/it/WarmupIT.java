package com.minishop.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.minishop.warmup.WarmupRound;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The warm-up before readiness (issue 14), in a Payara process of its own with {@code
 * PAYMENT_WARMUP_SECONDS}: it runs real callback rounds (the log says how many, none failed), the
 * service is ready only after them, and none of them left a row behind, in any tenant table.
 */
class WarmupIT {

    @Test
    void theWarmUpRunsTheCallbackPathBeforeReadinessAndCommitsNothing() throws Exception {
        Path target = Path.of(System.getProperty("project.build.directory", "target"));
        Path log = target.resolve("warmup-payara.log");
        try (var server = TestEnvironment.secondInstance(
                "warmup-payara.log",
                "http://127.0.0.1:9", // WeChat Pay is not asked here
                // nothing else of it runs: its sweep and daily reconciliation would touch the other tests' tenants
                Map.of(
                        "PAYMENT_WARMUP_SECONDS", "3",
                        "PAYMENT_SWEEP_ENABLED", "false",
                        "PAYMENT_BILL_ENABLED", "false"),
                Duration.ofMinutes(3))) {
            // ready means the warm-up is over: its line is in the log and its check is UP
            String text = Files.readString(log);
            var done = Pattern.compile("warm-up: ([0-9]+) rolled-back callback rounds")
                    .matcher(text);
            assertThat(done.find()).as("the warm-up's summary line in " + log).isTrue();
            assertThat(Integer.parseInt(done.group(1))).isPositive();
            assertThat(text).doesNotContain("warm-up ended early");
            var health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.baseUrl() + "health/ready"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("warm-up");
        }
        try (var db = TestEnvironment.jdbc();
                var statement = db.createStatement()) {
            for (String table : List.of("orders", "callback_log", "audit_record", "payment_record")) {
                try (var rows = statement.executeQuery(
                        "SELECT count(*) FROM " + table + " WHERE tenant_id = " + WarmupRound.TENANT)) {
                    rows.next();
                    assertThat(rows.getLong(1)).as(table).isZero();
                }
            }
        }
    }
}
