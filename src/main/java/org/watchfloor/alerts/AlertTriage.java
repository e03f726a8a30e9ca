package org.watchfloor.alerts;

import java.time.Instant;
import java.util.Collection;

/** Records the SOC's decision on alerts; the alert rows themselves stay as the source sent them. */
public interface AlertTriage {

    void record(Collection<String> systemAlertIds, TriageStatus status, Instant at);
}
