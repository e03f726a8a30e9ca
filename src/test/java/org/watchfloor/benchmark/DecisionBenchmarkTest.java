package org.watchfloor.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.watchfloor.WatchfloorApplication;
import org.watchfloor.cli.CommandLine;

/** {@code benchmark decisions} as the README runs it, on a few thousand rows: every generated alert is decided. */
@ExtendWith(OutputCaptureExtension.class)
class DecisionBenchmarkTest {

    private static final Pattern GENERATED = Pattern.compile("\\((\\d+) alerts, \\d+ status updates\\)");
    private static final Pattern DECIDED = Pattern.compile("(\\d+) alerts decided in [\\d.]+ s: \\d+ decisions/s.*; "
            + "(\\d+) incidents; peak heap in use \\d+ MB");

    @TempDir
    Path dataDir;

    @Test
    void decidesEveryGeneratedAlertInMemoryAndSaysHowFast(CapturedOutput output) throws Exception {
        int exit = CommandLine.run(WatchfloorApplication.class, new String[] {
            "benchmark", "decisions", "--count", "3000", "--watchfloor.data-dir=" + dataDir});

        assertThat(exit).isZero();
        Matcher generated = GENERATED.matcher(output.getOut());
        Matcher decided = DECIDED.matcher(output.getOut());
        assertThat(generated.find()).as(output.getOut()).isTrue();
        assertThat(decided.find()).as(output.getOut()).isTrue();
        assertThat(decided.group(1)).isEqualTo(generated.group(1));
        assertThat(Long.parseLong(decided.group(2))).isPositive();
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files).as("no database is opened").isEmpty();
        }
    }
}
