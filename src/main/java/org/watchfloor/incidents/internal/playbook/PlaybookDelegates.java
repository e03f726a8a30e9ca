package org.watchfloor.incidents.internal.playbook;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks of the playbook processes, bound by bean name ({@code camunda:delegateExpression="${name}"}):
 * each reads the incident number, calls its service and leaves what it did in a process variable for Cockpit.
 */
@Configuration(proxyBeanMethods = false)
class PlaybookDelegates {

    /** The retry cycle of every playbook step: {@code camunda:failedJobRetryTimeCycle="${playbookRetryCycle}"}. */
    @Bean
    String playbookRetryCycle(PlaybookProperties properties) {
        return properties.retryCycle();
    }

    /** Sets {@code mailedTo}: the addresses mailed, comma-separated. */
    @Bean
    JavaDelegate mailDeviceOwner(WatchlistMail mail) {
        return execution -> execution.setVariable("mailedTo",
                String.join(", ", mail.mailDeviceOwners(incidentNumber(execution))));
    }

    /** Sets {@code mailedTo}: the addresses mailed, comma-separated. */
    @Bean
    JavaDelegate mailSensorContacts(WatchlistMail mail) {
        return execution -> execution.setVariable("mailedTo",
                String.join(", ", mail.mailSensorContacts(incidentNumber(execution))));
    }

    /** Sets {@code newEngineeringWorkstations}: the identities of the new ones, comma-separated, empty for none. */
    @Bean
    JavaDelegate findNewEngineeringWorkstations(EngineeringWorkstationTicket ticket) {
        return execution -> execution.setVariable("newEngineeringWorkstations",
                String.join(",", ticket.newWorkstations(incidentNumber(execution))));
    }

    /** Sets {@code ticketStatus}: the ticket webhook's HTTP status, absent when no webhook is configured. */
    @Bean
    JavaDelegate openEngineeringWorkstationTicket(EngineeringWorkstationTicket ticket) {
        return execution -> ticket.open(incidentNumber(execution),
                        List.of(((String) execution.getVariable("newEngineeringWorkstations")).split(",")))
                .ifPresent(status -> execution.setVariable("ticketStatus", status));
    }

    /** Sets {@code syncStatus}: the status-sync webhook's HTTP status, absent when no webhook is configured. */
    @Bean
    JavaDelegate syncAlertStatus(AlertStatusSync sync) {
        return execution -> sync.sync(incidentNumber(execution))
                .ifPresent(status -> execution.setVariable("syncStatus", status));
    }

    private static long incidentNumber(DelegateExecution execution) {
        if (execution.getVariable(Playbooks.INCIDENT_NUMBER) instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalArgumentException("The playbook " + execution.getProcessDefinitionId()
                + " needs the incident number in the process variable " + Playbooks.INCIDENT_NUMBER + " (a Long)");
    }
}
