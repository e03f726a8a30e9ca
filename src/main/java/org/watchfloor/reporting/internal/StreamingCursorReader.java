package org.watchfloor.reporting.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.batch.item.database.JdbcCursorItemReader;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A cursor that streams on both databases. PostgreSQL streams a cursor outside auto-commit with a fetch size; H2
 * computes a whole result before it answers the first row, and keeps a large one in a temporary file, unless the
 * session asks for lazy execution, which this reader does for as long as its cursor is open.
 */
class StreamingCursorReader<T> extends JdbcCursorItemReader<T> {

    StreamingCursorReader(String name) {
        setName(name);
        setFetchSize(1000);
        setConnectionAutoCommit(false);
        // the tallies live in memory, so a restarted tally reads its rows from the start again
        setSaveState(false);
    }

    @Override
    protected void openCursor(Connection connection) {
        lazy(connection, true);
        super.openCursor(connection);
    }

    @Override
    protected void cleanupOnClose(Connection connection) {
        super.cleanupOnClose(connection);
        lazy(connection, false);
    }

    private static void lazy(Connection connection, boolean on) {
        try {
            if (connection.getMetaData().getDatabaseProductName().equals("H2")) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LAZY_QUERY_EXECUTION " + on);
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot set lazy query execution on H2", e);
        }
    }
}
