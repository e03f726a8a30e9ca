package org.watchfloor.benchmark;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.watchfloor.WatchfloorApplication;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.IntakePath;
import org.watchfloor.alerts.IntakeResult;
import org.watchfloor.cli.Command;
import org.watchfloor.cli.PendingWork;
import org.watchfloor.incidents.AlertsAwaitingDecision;

/**
 * One benchmark run in a folder of its own: generate two disjoint sets of rows, start a real Watchfloor server on
 * a fresh database, warm it up through both paths, time the REST intake of the first set and the file import of the
 * second, then time a plain JDBC insert of the stored rows as the yardstick. Nothing outside the folder is touched.
 */
final class IntakeBenchmark {

    /**
     * Rows sent through each path before the clock runs, so that each path is timed on code the JIT compiler has seen
     * run, as the plain insert runs on H2 code the server has long warmed. With tiered compilation the compiler still
     * took a quarter of the CPU during the timed REST intake after this warm-up; the README's
     * {@code -XX:-TieredCompilation} is what brought that down.
     */
    private static final long WARM_UP_ROWS = 20_000;

    private final Command generate;
    private final ObjectMapper json;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> serverOptions;

    /** @param serverOptions Spring properties the caller gave, for the server (the benchmark's own ones win) */
    IntakeBenchmark(Command generate, ObjectMapper json, PrintStream out, PrintStream err,
                    Map<String, String> serverOptions) {
        this.generate = generate;
        this.json = json;
        this.out = out;
        this.err = err;
        this.serverOptions = serverOptions;
    }

    List<Measurement> run(long count, int batchSize, Path folder) throws Exception {
        Path restRows = generate(folder.resolve("rest-rows.json"), count, 1);
        Path fileRows = generate(folder.resolve("file-rows.json"), count, 2);
        long warmUpCount = Math.min(count, WARM_UP_ROWS);
        List<Path> warmUpBodies = split(generate(folder.resolve("warm-up-rest-rows.json"), warmUpCount, 3),
                folder.resolve("warm-up-batches"), batchSize);
        Path warmUpFile = generate(folder.resolve("warm-up-file-rows.json"), warmUpCount, 4);
        List<Path> bodies = split(restRows, folder.resolve("rest-batches"), batchSize);
        String token = secret();
        long started = System.nanoTime();
        try (HeapSampler heap = new HeapSampler();
             ConfigurableApplicationContext server = startServer(folder.resolve("server"), token)) {
            out.printf("server started in %.1f s%n", (System.nanoTime() - started) / 1e9);
            DataSource database = server.getBean(DataSource.class);
            int port = ((WebServerApplicationContext) server).getWebServer().getPort();
            warmUp(server, warmUpBodies, warmUpFile, port, token);
            Measurement rest = post(bodies, port, token, count, database, heap);
            finishDecisions(server);
            finishLifecycles(server);
            List<Measurement> file = importFile(server, fileRows, count, database, heap);
            Measurement plain = PlainInsert.run(database, IntakePath.FILE.name(), folder.resolve("plain"), batchSize,
                    heap);
            List<Measurement> measurements = new ArrayList<>(List.of(rest));
            measurements.addAll(file);
            measurements.add(plain);
            return measurements;
        }
    }

    /**
     * Lets the JIT compile the HTTP stack, reader, parser, pipeline, rules, processes and H2 before the clock runs:
     * rows POSTed as the REST path does and imported as the file import does, until their decisions and processes
     * have settled. The file's rows go in as an upload, which no timed path counts.
     */
    private void warmUp(ConfigurableApplicationContext server, List<Path> bodies, Path file, int port, String token)
            throws IOException, InterruptedException {
        send(bodies, port, token);
        IntakeResult imported;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            imported = server.getBean(AlertIntake.class).ingest(in, IntakePath.UPLOAD);
        }
        finishDecisions(server);
        finishLifecycles(server);
        out.printf("warmed up with %d rows through each path%n", imported.accepted());
    }

    /** Rows that are all new alerts (no status updates), so every path must store exactly as many as it gets. */
    private Path generate(Path file, long count, long seed) throws Exception {
        int exit = generate.run(List.of("--count", String.valueOf(count), "--seed", String.valueOf(seed),
                "--days", "7", "--updates", "0", "--format", "export", "--out", file.toString()), out, err);
        if (exit != 0) {
            throw new IllegalStateException("generate exited with " + exit);
        }
        return file;
    }

    /** A forwarder posts batches: one body per batch, written before the clock starts. */
    private List<Path> split(Path rows, Path folder, int batchSize) throws IOException {
        Files.createDirectories(folder);
        JsonFactory factory = json.getFactory();
        List<Path> bodies = new ArrayList<>();
        try (JsonParser parser = factory.createParser(rows.toFile())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException(rows + " is not an array of rows");
            }
            JsonGenerator body = null;
            int inBody = 0;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                if (body == null) {
                    Path file = folder.resolve(String.format("batch-%06d.json", bodies.size() + 1));
                    bodies.add(file);
                    body = factory.createGenerator(file.toFile(), JsonEncoding.UTF8);
                    body.writeStartArray();
                }
                body.copyCurrentStructure(parser);
                if (++inBody == batchSize) {
                    body.writeEndArray();
                    body.close();
                    body = null;
                    inBody = 0;
                }
            }
            if (body != null) {
                body.writeEndArray();
                body.close();
            }
        }
        return bodies;
    }

    private ConfigurableApplicationContext startServer(Path dataDir, String token) {
        Map<String, String> properties = new LinkedHashMap<>(serverOptions);
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("watchfloor.data-dir", dataDir.toAbsolutePath().toString());
        // named outright so that no SPRING_DATASOURCE_URL of the environment can point the benchmark at real data
        properties.put("spring.datasource.url", H2Files.url(dataDir));
        properties.put("watchfloor.intake.bootstrap-token", token);
        properties.put("watchfloor.admin.password", secret());
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.main.log-startup-info", "false");
        properties.putIfAbsent("logging.level.root", "WARN");
        // command-line arguments, not default properties: application.yml would override those
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(WatchfloorApplication.class).web(WebApplicationType.SERVLET).run(args);
    }

    private Measurement post(List<Path> bodies, int port, String token, long count, DataSource database,
                             HeapSampler heap) throws IOException, InterruptedException, SQLException {
        long storedBefore = stored(database, IntakePath.API);
        heap.reset();
        Stopwatch stopwatch = new Stopwatch();
        stopwatch.start();
        send(bodies, port, token);
        stopwatch.stop();
        return new Measurement("REST POST /api/alerts", count, stored(database, IntakePath.API) - storedBefore,
                stopwatch.seconds(), stopwatch.cpuSeconds(), heap.peakBytes());
    }

    /** A forwarder's batches, one request each, in order. */
    private void send(List<Path> bodies, int port, String token) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI alerts = URI.create("http://127.0.0.1:" + port + "/api/alerts");
        for (Path body : bodies) {
            HttpRequest request = HttpRequest.newBuilder(alerts)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofFile(body))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("POST /api/alerts answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            JsonNode result = json.readTree(response.body());
            if (result.path("rejected").asLong() > 0) {
                err.println("REST intake rejected rows of " + body.getFileName() + ": " + result.path("rejections"));
            }
        }
    }

    /**
     * The file import ({@code import FILE}'s call, on the server's pipeline), timed three times: until the intake
     * answers; on until correlation has decided every alert it stored (intake → decisions → stored incidents), which
     * runs on its own thread meanwhile; and on until every lifecycle process the decisions started or signalled has
     * run to its human tasks.
     */
    private List<Measurement> importFile(ConfigurableApplicationContext server, Path file, long count,
                                         DataSource database, HeapSampler heap) throws Exception {
        heap.reset();
        Stopwatch stopwatch = new Stopwatch();
        Stopwatch untilDecided = new Stopwatch();
        stopwatch.start();
        untilDecided.start();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            server.getBean(AlertIntake.class).ingest(in, IntakePath.FILE);
        }
        stopwatch.stop();
        long intakePeakHeap = heap.peakBytes();
        finishDecisions(server);
        untilDecided.stop();
        // counted once the clocks stopped: the count reads every stored row
        Measurement intake = new Measurement("file import", count, stored(database, IntakePath.FILE),
                stopwatch.seconds(), stopwatch.cpuSeconds(), intakePeakHeap);
        Measurement decided = new Measurement("file import + decisions", count, decided(database, IntakePath.FILE),
                untilDecided.seconds(), untilDecided.cpuSeconds(), heap.peakBytes());
        if (!jobExecutorRuns(server)) {
            return List.of(intake, decided);
        }
        untilDecided.start();
        finishLifecycles(server);
        untilDecided.stop();
        Measurement settled = new Measurement("file import + lifecycle", count, decided(database, IntakePath.FILE),
                untilDecided.seconds(), untilDecided.cpuSeconds(), heap.peakBytes());
        return List.of(intake, decided, settled);
    }

    /**
     * Waits until no incident waits for its lifecycle process and the job executor (when it runs) has no job due, so
     * that one path's processes do not run on into the next path's time, nor into the shutdown of the server.
     */
    private static void finishLifecycles(ConfigurableApplicationContext server) throws InterruptedException {
        boolean jobsRun = jobExecutorRuns(server);
        ManagementService jobs = server.getBean(ManagementService.class);
        JdbcTemplate jdbc = new JdbcTemplate(server.getBean(DataSource.class));
        while (true) {
            finishAllPendingWork(server);
            Long waiting = jdbc.queryForObject("SELECT COUNT(*) FROM incident WHERE lifecycle_pending", Long.class);
            if ((waiting == null || waiting == 0) && (!jobsRun || jobs.createJobQuery().executable().count() == 0)) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /** Off with {@code --camunda.bpm.job-execution.enabled=false}: intake and decisions without the lifecycle. */
    private static boolean jobExecutorRuns(ConfigurableApplicationContext server) {
        ProcessEngine engine = server.getBean(ProcessEngine.class);
        JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getJobExecutor();
        return executor != null && executor.isActive();
    }

    /** Until correlation has decided every alert stored so far; the lifecycle's own pending work is not waited for. */
    private static void finishDecisions(ConfigurableApplicationContext server) throws InterruptedException {
        for (PendingWork work : server.getBeansOfType(PendingWork.class).values()) {
            if (work instanceof AlertsAwaitingDecision) {
                work.awaitCompletion();
            }
        }
    }

    private static void finishAllPendingWork(ConfigurableApplicationContext server) throws InterruptedException {
        for (PendingWork work : server.getBeansOfType(PendingWork.class).values()) {
            work.awaitCompletion();
        }
    }

    /** Alerts of the path that correlation decided on: in an incident, suppressed or left without one. */
    private static long decided(DataSource database, IntakePath path) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM alert a WHERE intake_path = ?"
                     + " AND EXISTS (SELECT 1 FROM correlation_decision d WHERE d.system_alert_id = a.system_alert_id)")) {
            query.setString(1, path.name());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long stored(DataSource database, IntakePath path) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "SELECT COUNT(*) FROM alert WHERE intake_path = ?")) {
            count.setString(1, path.name());
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
