package org.watchfloor.alerts.internal.loganalytics;

import com.azure.monitor.query.models.QueryTimeInterval;
import java.time.Instant;
import org.watchfloor.alerts.IntakeResult;

/**
 * How polling has gone since the server started, as the health endpoint shows it.
 *
 * @param lastSuccessfulPoll     when the last poll that stored its rows started
 * @param lastWindow             the time window that poll read
 * @param watermark              the stored watermark after it
 * @param lastIntake             what the intake did with its rows
 * @param rowsReceivedSinceStart the rows all successful polls received since the server started
 * @param failure                why the latest poll failed; null when it succeeded
 */
record PollStatus(
        Instant lastSuccessfulPoll,
        QueryTimeInterval lastWindow,
        Instant watermark,
        IntakeResult lastIntake,
        long rowsReceivedSinceStart,
        PollFailure failure) {

    static final PollStatus NONE = new PollStatus(null, null, null, null, 0, null);

    PollStatus succeeded(Instant at, QueryTimeInterval window, Instant watermark, IntakeResult intake) {
        return new PollStatus(at, window, watermark, intake, rowsReceivedSinceStart + intake.received(), null);
    }

    /** A window as ISO-8601 {@code start/end}, the way the query API's {@code timespan} writes it. */
    static String text(QueryTimeInterval window) {
        return window.getStartTime().toInstant() + "/" + window.getEndTime().toInstant();
    }

    PollStatus failed(PollFailure failure) {
        return new PollStatus(lastSuccessfulPoll, lastWindow, watermark, lastIntake, rowsReceivedSinceStart, failure);
    }
}
