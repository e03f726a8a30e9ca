package org.watchfloor.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.watchfloor.cli.Command;
import org.watchfloor.correlation.DecisionBenchmark;
import org.watchfloor.cli.Options;

/**
 * {@code benchmark intake}: how fast alerts get in over REST and by file import, against what the database can do
 * with plain batch inserts of the same rows. {@code benchmark report}: how long the daily report takes over a day of
 * many alerts, and how much heap. Each runs Watchfloor on a fresh database in a temporary folder, so it never
 * touches the configured one, and removes the folder when done. The exit code is 1 when an intake path stored fewer
 * rows than it was given, or the report run failed. {@code benchmark decisions}: how fast the configured rules
 * decide generated alerts held in memory, with no database at all.
 */
@Component
class BenchmarkCommand implements Command {

    private static final Set<String> OPTIONS = Set.of("count", "batch");

    private static final List<String> BENCHMARKS = List.of("intake", "report", "decisions");
    /** Rows a generated day holds in the decision benchmark: a million rows are 30 days, as in the README. */
    private static final double ROWS_PER_DAY = 1_000_000 / 30.0;

    private final ObjectProvider<Command> commands;
    private final ObjectProvider<DecisionBenchmark> decisions;
    private final ObjectMapper json;

    /** The verbs are looked up when the benchmark runs; the generator is one of them. */
    BenchmarkCommand(ObjectProvider<Command> commands, ObjectProvider<DecisionBenchmark> decisions,
                     ObjectMapper json) {
        this.commands = commands;
        this.decisions = decisions;
        this.json = json;
    }

    @Override
    public String verb() {
        return "benchmark";
    }

    @Override
    public String usage() {
        return "benchmark intake [--count 10000] [--batch 1000] | benchmark report [--count 1000000] | benchmark "
                + "decisions [--count 1000000]   (intake: REST and file intake against plain JDBC inserts; report: the "
                + "daily report over a day of COUNT alerts; each on a throwaway database; decisions: the rules over "
                + "COUNT generated rows in memory)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String benchmark;
        long count;
        int batch;
        try {
            Options options = Options.parse(args, OPTIONS);
            if (options.words().size() != 1 || !BENCHMARKS.contains(options.words().get(0))) {
                throw new IllegalArgumentException("the benchmark to run is 'intake', 'report' or 'decisions'");
            }
            benchmark = options.words().get(0);
            count = options.number("count", benchmark.equals("intake") ? 10_000 : 1_000_000, 1);
            batch = (int) options.number("batch", 1000, 1);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("usage: java -jar watchfloor.jar " + usage());
            return 2;
        }
        Command generate = commands.orderedStream().filter(c -> "generate".equals(c.verb())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the generate verb is missing"));
        Path folder = Files.createTempDirectory("watchfloor-benchmark-");
        try {
            if (benchmark.equals("decisions")) {
                return decisions(generate, count, folder, out, err);
            }
            if (benchmark.equals("report")) {
                return report(new ReportBenchmark(generate, out, err, springOptions(args)).run(count, folder), out,
                        err);
            }
            List<Measurement> measurements = new IntakeBenchmark(generate, json, out, err, springOptions(args))
                    .run(count, batch, folder);
            print(measurements, count, batch, out);
            List<Measurement> incomplete = measurements.stream().filter(m -> m.stored() < m.rows()).toList();
            incomplete.forEach(m -> err.printf("%s stored %d of %d rows%n", m.path(), m.stored(), m.rows()));
            return incomplete.isEmpty() ? 0 : 1;
        } finally {
            delete(folder);
        }
    }

    /** Generates the rows into the folder first: their reading is not timed, so where they come from does not count. */
    private int decisions(Command generate, long count, Path folder, PrintStream out, PrintStream err)
            throws Exception {
        Path file = folder.resolve("alerts.json");
        long days = Math.max(1, Math.round(count / ROWS_PER_DAY));
        int generated = generate.run(List.of("--count", String.valueOf(count), "--seed", "11", "--days",
                String.valueOf(days), "--out", file.toString()), out, err);
        if (generated != 0) {
            err.println("generate exited with " + generated);
            return 1;
        }
        DecisionBenchmark.Rate rate;
        long peakHeap;
        long keptHeap;
        int fullCollections;
        try (HeapSampler heap = new HeapSampler()) {
            heap.reset();
            rate = decisions.getObject().decide(file);
            peakHeap = heap.peakBytes();
            keptHeap = heap.keptBytes();
            fullCollections = heap.fullCollections();
        }
        Runtime runtime = Runtime.getRuntime();
        out.printf(Locale.ROOT, "%ndecision benchmark: %d generated rows over %d days, decided in memory with the "
                        + "configured rules; %d cores, max heap %d MB, Java %s%n", count, days,
                runtime.availableProcessors(), runtime.maxMemory() >> 20, System.getProperty("java.version"));
        out.printf(Locale.ROOT, "%d alerts decided in %.2f s: %.0f decisions/s; the deciding thread used %.2f CPU s "
                        + "(%.0f decisions per CPU s); %d incidents; peak heap in use %d MB; heap kept after a full "
                        + "collection at most %d MB (%d full collections)%n", rate.alerts(),
                rate.decidingSeconds(), rate.decisionsPerSecond(), rate.decidingCpuSeconds(),
                rate.alerts() / rate.decidingCpuSeconds(), rate.incidents(), peakHeap >> 20, keptHeap >> 20,
                fullCollections);
        out.println("(seconds: wall time in decisions only; the rows are read and parsed in chunks while no "
                + "decision runs; peak heap: most heap in use, garbage and the chunk being decided included; heap "
                + "kept: what was still in use right after a full collection)");
        return 0;
    }

    private static int report(ReportBenchmark.Result result, PrintStream out, PrintStream err) {
        Runtime runtime = Runtime.getRuntime();
        Measurement m = result.report();
        out.print(result.output());
        out.printf(Locale.ROOT, "%nreport benchmark: daily report for %s over %d alerts; %d cores, max heap %d MB, "
                        + "Java %s%n", ReportBenchmark.DAY, result.alerts(), runtime.availableProcessors(),
                runtime.maxMemory() >> 20, System.getProperty("java.version"));
        out.printf(Locale.ROOT, "%.2f s wall, %.2f s CPU (whole process), %.0f alerts/s, peak heap in use %d MB%n",
                m.seconds(), m.cpuSeconds(), m.rowsPerSecond(), m.peakHeapBytes() >> 20);
        if (result.exit() != 0) {
            err.println("the report verb exited with " + result.exit());
        }
        return result.exit();
    }

    private static void print(List<Measurement> measurements, long count, int batch, PrintStream out) {
        Runtime runtime = Runtime.getRuntime();
        out.printf(Locale.ROOT, "%nintake benchmark: %d rows per path, batches of %d; %d cores, max heap %d MB, "
                        + "Java %s, %s %s%n", count, batch, runtime.availableProcessors(),
                runtime.maxMemory() >> 20, System.getProperty("java.version"), System.getProperty("os.name"),
                System.getProperty("os.arch"));
        Measurement plain = measurements.stream().filter(m -> m.path().startsWith("plain")).findFirst()
                .orElseThrow();
        out.printf(Locale.ROOT, "%-24s %8s %8s %8s %9s %9s %8s %9s %10s%n", "path", "rows", "stored", "seconds",
                "alerts/s", "vs plain", "CPU s", "CPU vs", "peak heap");
        for (Measurement m : measurements) {
            out.printf(Locale.ROOT, "%-24s %8d %8d %8.2f %9.0f %8.2fx %8.2f %8.2fx %7d MB%n", m.path(), m.rows(),
                    m.stored(), m.seconds(), m.rowsPerSecond(), m.seconds() / plain.seconds(), m.cpuSeconds(),
                    m.cpuSeconds() / plain.cpuSeconds(), m.peakHeapBytes() >> 20);
        }
        out.println("(CPU s: CPU time of the whole process during the path, all threads, GC and JIT included; "
                + "peak heap: most heap in use, garbage included)");
    }

    /** Spring properties given after the verb ({@code --watchfloor.intake.batch-size=2000}) configure the server. */
    private static Map<String, String> springOptions(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0 && arg.substring(0, equals).contains(".")) {
                options.put(arg.substring(2, equals), arg.substring(equals + 1));
            }
        }
        return options;
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
