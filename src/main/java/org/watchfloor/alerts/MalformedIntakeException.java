package org.watchfloor.alerts;

/**
 * The document as a whole is not an alert row, an array of rows or a query-API answer: nothing in it could be
 * told apart as a row to keep. Rows read before the fault was found stay stored and are counted in the result.
 */
public class MalformedIntakeException extends RuntimeException {

    private final IntakeResult partial;

    public MalformedIntakeException(String message, IntakeResult partial, Throwable cause) {
        super(message, cause);
        this.partial = partial;
    }

    public IntakeResult partial() {
        return partial;
    }
}
