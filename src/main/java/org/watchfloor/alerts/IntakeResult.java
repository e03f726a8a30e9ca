package org.watchfloor.alerts;

import java.util.List;

/**
 * What one intake did with the rows it received. Every row lands in exactly one of accepted, updated, duplicates
 * and rejected; warnings counts the stored rows that carried a broken optional part.
 */
public record IntakeResult(
        long received, long accepted, long updated, long duplicates, long rejected, long warnings,
        List<Rejection> rejections) {

    /** One rejected row: its place in the input (0-based), its id when it had one, and why. */
    public record Rejection(long index, String systemAlertId, String reason) {
    }
}
