package org.watchfloor.alerts.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.watchfloor.alerts.AlertFilter;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.AlertSummary;
import org.watchfloor.alerts.StoredAlert;

@Service
@Transactional(readOnly = true)
class AlertReadService implements AlertQueries {

    private final AlertStore store;

    AlertReadService(AlertStore store) {
        this.store = store;
    }

    @Override
    public Optional<StoredAlert> find(String systemAlertId) {
        return store.find(systemAlertId);
    }

    @Override
    public List<StoredAlert> findAll(Collection<String> systemAlertIds) {
        return store.findAll(systemAlertIds);
    }

    @Override
    public List<StoredAlert> search(AlertFilter filter, int page, int size) {
        return store.search(filter, page, size);
    }

    @Override
    public List<AlertSummary> latestOnDevices(List<String> addresses, Instant from, Instant to,
                                              Collection<Long> excluding, int perDevice, int limit) {
        return store.latestOnDevices(addresses, from, to, excluding, perDevice, limit);
    }

    @Override
    public long count(AlertFilter filter) {
        return store.count(filter);
    }

    @Override
    public Map<String, String> triageStatuses(Collection<String> systemAlertIds) {
        return store.triageStatuses(systemAlertIds);
    }

    @Override
    public Optional<Instant> latestTime() {
        return store.latestTime();
    }

    @Override
    public List<StoredAlert> firstSeenSince(Instant from) {
        return store.firstSeenSince(from);
    }
}
