package org.watchfloor.alerts.internal;

import java.util.HashMap;
import java.util.Map;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.watchfloor.alerts.StoredAlert;

/**
 * The alerts read so far in the current transaction, by id. The steps of one lifecycle job (the briefing, the
 * automation rules' facts, a playbook) each ask for the incident's alerts; with this they are read from the database
 * once per job, not once per step, and all steps see the alerts alike. An update committed by someone else meanwhile
 * is seen by the next transaction (as under repeatable read); one written in this transaction drops what it read.
 * Outside a transaction nothing is kept.
 */
final class AlertsReadInTransaction {

    private static final Object KEY = new Object();

    private AlertsReadInTransaction() {
    }

    /** The current transaction's alerts, or {@code null} when there is no transaction to keep them for. */
    @SuppressWarnings("unchecked")
    static Map<String, StoredAlert> current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<String, StoredAlert> read = (Map<String, StoredAlert>) TransactionSynchronizationManager.getResource(KEY);
        if (read == null) {
            read = new HashMap<>();
            TransactionSynchronizationManager.bindResource(KEY, read);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                }
            });
        }
        return read;
    }

    /** A write to alerts in this transaction makes what was read before it stale. */
    @SuppressWarnings("unchecked")
    static void forget() {
        Map<String, StoredAlert> read = (Map<String, StoredAlert>) TransactionSynchronizationManager.getResource(KEY);
        if (read != null) {
            read.clear();
        }
    }
}
