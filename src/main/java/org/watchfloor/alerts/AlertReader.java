package org.watchfloor.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a document of alert rows (any shape {@link AlertIntake} takes) with the intake's parsing and validation,
 * without storing anything: for dry runs such as a replay of past alerts through a changed rule set.
 */
public interface AlertReader {

    /** Hands every valid row to {@code alerts} in document order; rejected rows are counted, not handed on. */
    Summary read(InputStream json, Consumer<SecurityAlert> alerts) throws IOException;

    record Summary(long received, long rejected, List<IntakeResult.Rejection> rejections) {
    }
}
