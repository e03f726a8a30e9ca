package org.watchfloor.incidents.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.StoredAlert;
import org.watchfloor.incidents.WatchlistQueries;

/**
 * The people the remediation task is offered to besides the OT engineers: the owners of the incident's devices and
 * sites in the owners watchlist.
 * Public because the process calls it in an expression, which needs a public class.
 */
@Component("siteOwners")
@Transactional(readOnly = true)
public class SiteOwners {

    private final IncidentStore incidents;
    private final AlertQueries alerts;
    private final WatchlistQueries watchlists;

    SiteOwners(IncidentStore incidents, AlertQueries alerts, WatchlistQueries watchlists) {
        this.incidents = incidents;
        this.alerts = alerts;
        this.watchlists = watchlists;
    }

    public List<String> of(DelegateExecution execution) {
        long number = (Long) execution.getVariable(IncidentProcess.NUMBER);
        IncidentRow incident = incidents.find(number).orElseThrow();
        Set<String> owners = new LinkedHashSet<>();
        List<String> ids = incidents.alerts(incident.id()).stream().map(AlertRef::systemAlertId).toList();
        for (StoredAlert stored : alerts.findAll(ids)) {
            for (IotDevice device : stored.alert().devices()) {
                watchlists.ownersOf(device).forEach(o -> owners.add(o.userId()));
            }
        }
        incident.sites().forEach(site -> watchlists.ownersOf(site, null).forEach(o -> owners.add(o.userId())));
        owners.removeIf(o -> o == null || o.isBlank());
        return List.copyOf(owners);
    }
}
