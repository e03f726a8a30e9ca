package org.watchfloor.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * What the database alone can do: the rows an intake path stored, already parsed, batch-inserted with plain JDBC
 * into an identical {@code alert} table (its DDL and indexes from the migrations) in a fresh H2 file database
 * opened with the app's URL options. Rows are read back {@link #ROWS_IN_MEMORY} at a time, so the heap stays
 * bounded; only binding, {@code executeBatch} and the commit of each batch are timed, as the pipeline commits each
 * batch.
 */
final class PlainInsert {

    /** The portable migrations and H2's own: the plain insert's database is an H2 one. */
    private static final List<String> MIGRATIONS = List.of("classpath:db/migration/V*__*.sql",
            "classpath:db/vendor/h2/V*__*.sql");
    private static final Pattern ALERT_DDL = Pattern.compile(
            "(CREATE\\s+(TABLE|INDEX\\s+\\w+\\s+ON)|ALTER\\s+TABLE)\\s+alert\\b|DROP\\s+INDEX\\s+ix_alert_",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern VERSION = Pattern.compile("V(\\d+)__");

    /**
     * Rows read ahead of the clock, some 100 MB. The batches of one read are inserted back to back, as an intake
     * stores them: with the clock stopped after every batch to read the next, H2 wrote the last batch's pages in the
     * pause, off the clock, and the plain insert looked 1.4 times faster than it is.
     */
    private static final int ROWS_IN_MEMORY = 20_000;

    private PlainInsert() {
    }

    /** Copies the rows stored by {@code intakePath} from {@code source} into a new database under {@code folder}. */
    static Measurement run(DataSource source, String intakePath, Path folder, int batchSize, HeapSampler heap)
            throws SQLException, IOException {
        try (Connection from = source.getConnection();
             Connection to = DriverManager.getConnection(H2Files.url(folder), "sa", "")) {
            try (Statement ddl = to.createStatement()) {
                for (String statement : alertTableDdl()) {
                    ddl.execute(statement);
                }
            }
            to.setAutoCommit(false);
            heap.reset();
            long rows = 0;
            Stopwatch stopwatch = new Stopwatch();
            long lastId = Long.MIN_VALUE;
            List<String> columns = null;
            PreparedStatement insert = null;
            try (PreparedStatement page = from.prepareStatement(
                    "SELECT * FROM alert WHERE intake_path = ? AND id > ? ORDER BY id LIMIT ?")) {
                while (true) {
                    page.setString(1, intakePath);
                    page.setLong(2, lastId);
                    page.setInt(3, Math.max(ROWS_IN_MEMORY, batchSize));
                    List<Object[]> chunk = new ArrayList<>();
                    try (ResultSet rs = page.executeQuery()) {
                        if (columns == null) {
                            columns = columnsWithoutId(rs.getMetaData());
                            insert = to.prepareStatement(insertSql(columns));
                        }
                        while (rs.next()) {
                            lastId = rs.getLong("id");
                            Object[] values = new Object[columns.size()];
                            for (int i = 0; i < values.length; i++) {
                                values[i] = rs.getObject(columns.get(i));
                            }
                            chunk.add(values);
                        }
                    }
                    if (chunk.isEmpty()) {
                        break;
                    }
                    stopwatch.start();
                    for (int start = 0; start < chunk.size(); start += batchSize) {
                        for (Object[] values : chunk.subList(start, Math.min(start + batchSize, chunk.size()))) {
                            for (int i = 0; i < values.length; i++) {
                                insert.setObject(i + 1, values[i]);
                            }
                            insert.addBatch();
                        }
                        insert.executeBatch();
                        to.commit();
                    }
                    stopwatch.stop();
                    rows += chunk.size();
                }
            } finally {
                if (insert != null) {
                    insert.close();
                }
            }
            long peak = heap.peakBytes();
            return new Measurement("plain JDBC insert", rows, count(to), stopwatch.seconds(), stopwatch.cpuSeconds(),
                    peak);
        }
    }

    /**
     * The {@code CREATE TABLE alert}, {@code CREATE INDEX ... ON alert}, {@code ALTER TABLE alert} and
     * {@code DROP INDEX ix_alert_...} statements of the migrations, in version order: the table as the application
     * has it.
     */
    static List<String> alertTableDdl() throws IOException {
        List<Resource> migrations = new ArrayList<>();
        for (String pattern : MIGRATIONS) {
            migrations.addAll(Arrays.asList(new PathMatchingResourcePatternResolver().getResources(pattern)));
        }
        if (migrations.isEmpty()) {
            throw new IOException(MIGRATIONS + " are not on the class path");
        }
        List<String> statements = new ArrayList<>();
        for (Resource migration : migrations.stream().sorted(Comparator.comparingInt(PlainInsert::version))
                .toList()) {
            String script;
            try (InputStream in = migration.getInputStream()) {
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String withoutComments = script.lines().filter(line -> !line.trim().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            Arrays.stream(withoutComments.split(";")).map(String::trim)
                    .filter(statement -> ALERT_DDL.matcher(statement).lookingAt()).forEach(statements::add);
        }
        return statements;
    }

    private static int version(Resource migration) {
        Matcher m = VERSION.matcher(String.valueOf(migration.getFilename()));
        return m.lookingAt() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    private static List<String> columnsWithoutId(ResultSetMetaData meta) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (!meta.getColumnName(i).equalsIgnoreCase("id")) {
                columns.add(meta.getColumnName(i));
            }
        }
        return columns;
    }

    private static String insertSql(List<String> columns) {
        return "INSERT INTO alert (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }

    private static long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM alert")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
