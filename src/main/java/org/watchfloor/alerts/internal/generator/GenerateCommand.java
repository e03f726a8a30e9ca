package org.watchfloor.alerts.internal.generator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.watchfloor.cli.Command;
import org.watchfloor.cli.Options;

/**
 * {@code generate}: writes realistic Defender for IoT {@code SecurityAlert} rows for demos, tests and load, the same
 * rows for the same options. It depends on nothing but the file system, so it never opens the database.
 */
@Component
class GenerateCommand implements Command {

    /** The sample data's day: a fixed default keeps a seed's output the same whenever it is run. */
    static final Instant DEFAULT_START = Instant.parse("2026-11-01T00:00:00Z");
    static final int DEFAULT_UPDATE_PERCENT = 4;

    private static final Set<String> OPTIONS = Set.of("count", "seed", "format", "out", "start", "days", "updates");

    @Override
    public String verb() {
        return "generate";
    }

    @Override
    public String usage() {
        return "generate --out FILE [--count 1000] [--seed 1] [--format export|api] "
                + "[--start 2026-11-01T00:00:00Z] [--days 1] [--updates 4]   (synthetic Defender for IoT alerts; "
                + "--updates: status-update rows per hundred)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        AlertGenerator.Settings settings;
        AlertFileWriter.Format format;
        Path file;
        try {
            Options options = Options.parse(args, OPTIONS);
            file = Path.of(options.value("out").orElseThrow(() -> new IllegalArgumentException("--out is required")));
            format = AlertFileWriter.Format.of(options.value("format", "export"));
            settings = new AlertGenerator.Settings(
                    options.number("count", 1000, 0),
                    options.number("seed", 1, Long.MIN_VALUE),
                    start(options.value("start").orElse(null)),
                    Duration.ofDays(options.number("days", 1, 1)),
                    (int) options.number("updates", DEFAULT_UPDATE_PERCENT, 0));
            if (!options.words().isEmpty()) {
                throw new IllegalArgumentException("unexpected argument " + options.words().get(0));
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("usage: java -jar watchfloor.jar " + usage());
            return 2;
        }
        long started = System.nanoTime();
        Summary summary = generate(settings, format, file);
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "generated %d rows (%d alerts, %d status updates) over %d day(s) from %s, seed %d, "
                        + "%s format, into %s (%.1f MB) in %.1f s%n", summary.rows(), summary.alerts(),
                summary.updates(), settings.period().toDays(), settings.start(), settings.seed(),
                format.name().toLowerCase(Locale.ROOT), file, Files.size(file) / 1e6, seconds);
        return 0;
    }

    /** What a generation wrote. */
    record Summary(long rows, long alerts, long updates) {
    }

    static Summary generate(AlertGenerator.Settings settings, AlertFileWriter.Format format, Path file)
            throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AlertGenerator generator = new AlertGenerator(settings, new Inventory());
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             AlertFileWriter writer = new AlertFileWriter(stream, format)) {
            while (generator.hasNext()) {
                writer.write(generator.next());
            }
        }
        return new Summary(generator.rows(), generator.alerts(), generator.updates());
    }

    private static Instant start(String text) {
        if (text == null) {
            return DEFAULT_START;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start must be an ISO instant like 2026-11-01T00:00:00Z, not " + text);
        }
    }
}
