package org.watchfloor.incidents;

/**
 * Whether correlation has stored alerts that it has not decided yet. During a flood of alerts the lifecycle yields to
 * it: deciding which incidents exist, which the incident API and the reports show at once, comes before starting
 * their processes.
 *
 * <p>Declared here, where the lifecycle asks, and answered by the correlation module, as {@link WatchlistQueries}.
 */
public interface AlertsAwaitingDecision {

    boolean any();
}
