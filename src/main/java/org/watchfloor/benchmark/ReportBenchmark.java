package org.watchfloor.benchmark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.watchfloor.WatchfloorApplication;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.IntakePath;
import org.watchfloor.cli.Command;
import org.watchfloor.cli.PendingWork;

/**
 * The daily report over a day holding N alerts, in a folder of its own: a generated day of alerts goes through
 * intake and correlation (so there are incidents too), is copied in SQL with new alert ids until the day holds N
 * alerts, then the {@code report daily} verb runs for that day on the same database, timed. The copies keep every
 * column, raw row included, so the report reads rows of real size.
 */
final class ReportBenchmark {

    static final String DAY = "2026-06-01";
    private static final long SEED_ROWS = 5_000;

    private final Command generate;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> serverOptions;

    ReportBenchmark(Command generate, PrintStream out, PrintStream err, Map<String, String> serverOptions) {
        this.generate = generate;
        this.out = out;
        this.err = err;
        this.serverOptions = serverOptions;
    }

    /** The timed report run, and how many alerts the day held. */
    record Result(long alerts, Measurement report, int exit, String output) {
    }

    Result run(long count, Path folder) throws Exception {
        long seedRows = Math.min(count, SEED_ROWS);
        Path rows = folder.resolve("day.json");
        int generated = generate.run(List.of("--count", String.valueOf(seedRows), "--seed", "5", "--days", "1",
                "--start", DAY + "T00:00:00Z", "--updates", "0", "--format", "export", "--out", rows.toString()),
                out, err);
        if (generated != 0) {
            throw new IllegalStateException("generate exited with " + generated);
        }
        try (ConfigurableApplicationContext app = start(folder.resolve("data"))) {
            long started = System.nanoTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(rows), 1 << 16)) {
                app.getBean(AlertIntake.class).ingest(in, IntakePath.FILE);
            }
            for (PendingWork work : app.getBeansOfType(PendingWork.class).values()) {
                work.awaitCompletion();
            }
            out.printf("%d alerts through intake and correlation in %.1f s%n", seedRows,
                    (System.nanoTime() - started) / 1e9);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            copy(jdbc, count);
            long alerts = alertsOfTheDay(jdbc);
            out.printf("the day holds %d alerts; running the daily report%n", alerts);
            Command report = app.getBeansOfType(Command.class).values().stream()
                    .filter(c -> "report".equals(c.verb())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the report verb is missing"));
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (HeapSampler heap = new HeapSampler();
                 PrintStream verbOut = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                System.gc();
                heap.reset();
                Stopwatch stopwatch = new Stopwatch();
                stopwatch.start();
                int exit = report.run(List.of("daily", "--from", DAY, "--to",
                        LocalDate.parse(DAY).plusDays(1).toString(), "--out", folder.resolve("daily.pdf").toString()),
                        verbOut, err);
                stopwatch.stop();
                return new Result(alerts, new Measurement("daily report", alerts, alerts, stopwatch.seconds(),
                        stopwatch.cpuSeconds(), heap.peakBytes()), exit, output.toString(StandardCharsets.UTF_8));
            }
        }
    }

    /** Copies the stored alerts with new ids, a round at a time, until there are {@code count}. */
    private void copy(JdbcTemplate jdbc, long count) {
        String others = columns(jdbc).stream().filter(c -> !c.equals("id") && !c.equals("system_alert_id"))
                .collect(Collectors.joining(", "));
        long stored = jdbc.queryForObject("SELECT COUNT(*) FROM alert", Long.class);
        long seed = stored;
        long lastSeedId = jdbc.queryForObject("SELECT MAX(id) FROM alert", Long.class);
        long started = System.nanoTime();
        for (int round = 1; stored < count; round++) {
            long take = Math.min(seed, count - stored);
            jdbc.update("INSERT INTO alert (system_alert_id, " + others + ") SELECT system_alert_id || '~" + round
                    + "', " + others + " FROM alert WHERE id <= " + lastSeedId + " ORDER BY id LIMIT " + take);
            stored += take;
        }
        out.printf("copied to %d alerts in %.1f s%n", stored, (System.nanoTime() - started) / 1e9);
    }

    private static List<String> columns(JdbcTemplate jdbc) {
        return jdbc.query("SELECT * FROM alert WHERE 1 = 0", rs -> {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT));
            }
            return names;
        });
    }

    /** By the report's rule: first detected in the day, or first seen in it when there is no detection time. */
    private static long alertsOfTheDay(JdbcTemplate jdbc) {
        Instant from = LocalDate.parse(DAY).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = from.plusSeconds(86_400);
        return jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE COALESCE(start_time, first_seen) >= ? "
                + "AND COALESCE(start_time, first_seen) < ?", Long.class, from.atOffset(ZoneOffset.UTC),
                to.atOffset(ZoneOffset.UTC));
    }

    private ConfigurableApplicationContext start(Path dataDir) {
        Map<String, String> properties = new LinkedHashMap<>(serverOptions);
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("watchfloor.data-dir", dataDir.toAbsolutePath().toString());
        // named outright so that no SPRING_DATASOURCE_URL of the environment can point the benchmark at real data
        properties.put("spring.datasource.url", H2Files.url(dataDir));
        properties.put("watchfloor.admin.password", secret());
        properties.put("watchfloor.reports.daily.cron", "-");
        properties.put("watchfloor.reports.weekly.cron", "-");
        properties.put("watchfloor.reports.daily.recipients", "");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.main.log-startup-info", "false");
        properties.put("camunda.bpm.job-execution.enabled", "false");
        properties.putIfAbsent("logging.level.root", "WARN");
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(WatchfloorApplication.class).web(WebApplicationType.SERVLET).run(args);
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
