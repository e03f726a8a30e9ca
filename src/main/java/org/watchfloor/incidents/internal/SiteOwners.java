package org.watchfloor.incidents.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.StoredAlert;

/**
 * The people the remediation task is offered to besides the OT engineers: the owners of the incident's devices.
 * Public because the process calls it in an expression, which needs a public class.
 */
@Component("siteOwners")
@Transactional(readOnly = true)
public class SiteOwners {

    private final IncidentStore incidents;
    private final AlertQueries alerts;

    SiteOwners(IncidentStore incidents, AlertQueries alerts) {
        this.incidents = incidents;
        this.alerts = alerts;
    }

    public List<String> of(DelegateExecution execution) {
        long number = (Long) execution.getVariable(IncidentProcess.NUMBER);
        IncidentRow incident = incidents.find(number).orElseThrow();
        Set<String> owners = new LinkedHashSet<>();
        List<String> ids = incidents.alerts(incident.id()).stream().map(AlertRef::systemAlertId).toList();
        for (StoredAlert stored : alerts.findAll(ids)) {
            stored.alert().devices().forEach(d -> d.owners().stream().filter(o -> !o.isBlank())
                    .forEach(owners::add));
        }
        return List.copyOf(owners);
    }
}
