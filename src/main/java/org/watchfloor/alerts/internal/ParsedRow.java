package org.watchfloor.alerts.internal;

import java.util.List;
import org.watchfloor.alerts.SecurityAlert;

/** The outcome of reading one row: an alert (perhaps with warnings), or a rejection with its reason. */
sealed interface ParsedRow {

    long index();

    String raw();

    record Valid(long index, SecurityAlert alert, List<String> warnings, String raw) implements ParsedRow {
    }

    record Rejected(long index, String systemAlertId, String reason, String raw) implements ParsedRow {
    }
}
