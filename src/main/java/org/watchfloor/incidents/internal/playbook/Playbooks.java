package org.watchfloor.incidents.internal.playbook;

import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/**
 * Starts playbooks for an incident. A playbook's steps run asynchronously, after the caller's transaction commits, so
 * starting one is cheap and a failing outside call never rolls back the caller.
 */
@Service
public class Playbooks {

    /** The process variable holding the incident number ({@code Long}); the business key is the number too. */
    public static final String INCIDENT_NUMBER = "incidentNumber";

    private final RuntimeService runtime;

    Playbooks(RuntimeService runtime) {
        this.runtime = runtime;
    }

    public ProcessInstance start(Playbook playbook, long incidentNumber) {
        return runtime.startProcessInstanceByKey(playbook.processKey(), Long.toString(incidentNumber),
                Map.of(INCIDENT_NUMBER, incidentNumber));
    }
}
