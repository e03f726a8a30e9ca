package org.watchfloor.reporting.internal;

import org.springframework.batch.item.database.JdbcCursorItemReader;

/**
 * The cursor of a report's tally step. PostgreSQL streams it (outside auto-commit, with a fetch size). H2 computes
 * the whole result before it answers the first row and keeps a large one in a temporary file, so the heap stays
 * small there too; H2's lazy query execution would stream, but H2 2.3 loses pages under a lazy result while other
 * sessions commit ("Chunk ... not found"), as the step's own chunk transactions do.
 */
class StreamingCursorReader<T> extends JdbcCursorItemReader<T> {

    StreamingCursorReader(String name) {
        setName(name);
        setFetchSize(1000);
        setConnectionAutoCommit(false);
        // the tallies live in memory, so a restarted tally reads its rows from the start again
        setSaveState(false);
    }
}
