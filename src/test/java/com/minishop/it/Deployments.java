package com.minishop.it;

import com.minishop.tools.EmbeddedDatabase;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment factory of the in-container tests: the WAR that {@code mvn package} built (so the
 * tests exercise the artifact operators deploy), plus a test configuration that points it at the test
 * database. That configuration has a higher ordinal than environment variables, so a {@code
 * PAYMENT_DB_URL} in the developer's shell cannot send the tests to a real database.
 */
public final class Deployments {

    private Deployments() {}

    /** The application WAR with the test configuration and the given test-only classes. */
    public static WebArchive application(Class<?>... testClasses) {
        return application(java.util.Map.of(), testClasses);
    }

    /** The same, with more configuration (e.g. where WeChat Pay is, and the check schedule). */
    public static WebArchive application(java.util.Map<String, String> configuration, Class<?>... testClasses) {
        File war = Path.of(System.getProperty("project.build.directory", "target"), "payment-callback.war")
                .toFile();
        if (!war.isFile()) {
            throw new IllegalStateException(war + " is missing: the in-container tests run after 'mvn package'");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war)
                .addAsLibraries(testConfiguration(configuration))
                .addAsLibraries(jarOf(org.assertj.core.api.Assertions.class))
                .addClass(SuperuserConnection.class)
                // named in test classes' method signatures, which the container resolves when it loads them
                .addClasses(com.minishop.tools.PayaraProcess.class)
                .addClass("com.minishop.tools.PayaraStartWatch")
                .addClasses(testClasses);
    }

    private static JavaArchive testConfiguration(java.util.Map<String, String> more) {
        EmbeddedDatabase database = TestEnvironment.database();
        String properties = String.join(
                        "\n",
                        "config_ordinal=500",
                        "PAYMENT_DB_URL=" + database.jdbcUrl(),
                        "PAYMENT_DB_USER=" + EmbeddedDatabase.SERVICE_USER,
                        "PAYMENT_DB_PASSWORD=" + EmbeddedDatabase.SERVICE_PASSWORD,
                        "PAYMENT_ADMIN_USER=" + TestEnvironment.ADMIN_USER,
                        "PAYMENT_ADMIN_PASSWORD=" + TestEnvironment.ADMIN_PASSWORD,
                        "PAYMENT_KEK=" + TestEnvironment.KEK,
                        // the daily reconciliation would ask each test's sandbox about every tenant in the
                        // shared database; the test of it turns it on
                        "PAYMENT_BILL_ENABLED=false",
                        "")
                + more.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue() + "\n")
                        .collect(java.util.stream.Collectors.joining());
        return ShrinkWrap.create(JavaArchive.class, "test-configuration.jar")
                .addAsManifestResource(new StringAsset(properties), "microprofile-config.properties");
    }

    /** The jars these library classes came from, for test-only libraries inside the WAR. */
    public static File[] jarsOf(Class<?>... types) {
        return java.util.Arrays.stream(types).map(Deployments::jarOf).distinct().toArray(File[]::new);
    }

    /** The jar a library class came from, taken from the test classpath. */
    private static File jarOf(Class<?> type) {
        try {
            return new File(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
