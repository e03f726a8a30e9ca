package org.watchfloor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.watchfloor.alerts.AlertFilter;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.cli.CommandLine;

/**
 * Watchfloor as the README's first command starts it: H2 in a file under the data folder, no default password,
 * and the command-line verbs working on the same database while the server runs.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDefaultsTest {

    private static final Pattern GENERATED = Pattern.compile("generated password:\\s+(\\S+)");
    private static final String TOKEN = "embedded-test-token-0123456789";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(WatchfloorApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--watchfloor.data-dir=" + dataDir,
                "--watchfloor.intake.bootstrap-token=" + TOKEN, "--camunda.bpm.job-execution.enabled=false");
    }

    private static int port(ConfigurableApplicationContext server) {
        return ((WebServerApplicationContext) server).getWebServer().getPort();
    }

    private int status(ConfigurableApplicationContext server, String path, String user, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(server) + path))
                .header("Authorization", "Basic " + basic).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void theFirstStartPrintsAGeneratedAdminPasswordOnceAndTheDataSurvivesARestart(CapturedOutput output)
            throws Exception {
        String password;
        String alertId = "61307c05-7b37-5698-5ffe-e55e1fc7df73";
        try (ConfigurableApplicationContext server = start()) {
            Matcher generated = GENERATED.matcher(output.getOut() + output.getErr());
            assertThat(generated.find()).as("the generated password is printed").isTrue();
            password = generated.group(1);
            HttpRequest intake = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(server) + "/api/alerts"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(SharedData.bytes(SharedData.SAMPLE))).build();
            assertThat(http.send(intake, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            assertThat(status(server, "/api/alerts/" + alertId, "admin", "not-the-password")).isEqualTo(401);
        }
        int printedBefore = (output.getOut() + output.getErr()).split("generated password", -1).length - 1;

        try (ConfigurableApplicationContext server = start()) {
            String all = output.getOut() + output.getErr();
            assertThat(all.split("generated password", -1).length - 1).isEqualTo(printedBefore);
            assertThat(status(server, "/api/alerts/" + alertId, "admin", password)).isEqualTo(200);
        }
    }

    @Test
    void theImportVerbWritesIntoTheDatabaseOfTheRunningServer(CapturedOutput output) {
        try (ConfigurableApplicationContext server = start()) {
            int exit = CommandLine.run(WatchfloorApplication.class, new String[] {
                "import", SharedData.path(SharedData.SAMPLE).toString(), "--watchfloor.data-dir=" + dataDir});

            assertThat(exit).isZero();
            assertThat(output.getOut()).contains("\"received\":316", "\"accepted\":304");
            assertThat(server.getBean(AlertQueries.class).count(AlertFilter.ALL)).isEqualTo(304);
        }
    }

    /** A SOC lead's CI runs {@code rules check} and {@code replay} where no Watchfloor database is, or may be. */
    @Test
    void verbsThatNeedNoDatabaseLeaveTheConfiguredOneUntouched(CapturedOutput output) throws Exception {
        Path generated = dataDir.resolveSibling(dataDir.getFileName() + "-generated.json");
        String[][] verbs = {
            {"rules", "check", "rules"},
            {"replay", SharedData.path(SharedData.SAMPLE).toString(), "--format", "json"},
            {"generate", "--count", "20", "--seed", "3", "--out", generated.toString()}};
        try {
            for (String[] verb : verbs) {
                String[] args = Arrays.copyOf(verb, verb.length + 1);
                args[verb.length] = "--watchfloor.data-dir=" + dataDir;

                assertThat(CommandLine.run(WatchfloorApplication.class, args)).as(String.join(" ", verb)).isZero();
            }
        } finally {
            Files.deleteIfExists(generated);
        }

        assertThat(output.getOut()).contains("\"incidents\":[");
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anUnknownVerbListsTheVerbs(CapturedOutput output) {
        int exit = CommandLine.run(WatchfloorApplication.class, new String[] {
            "frobnicate", "--watchfloor.data-dir=" + dataDir});

        assertThat(exit).isEqualTo(2);
        assertThat(output.getErr()).contains("Unknown command 'frobnicate'", "import FILE");
    }
}
