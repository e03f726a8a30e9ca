package org.watchfloor.incidents.internal.playbook;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the playbooks reach the outside world.
 *
 * @param retryCycle                   when a playbook step that failed runs again, as a Camunda retry cycle
 *                                     ({@code R3/PT1M}: three tries in all, a minute apart); a step that fails them all
 *                                     becomes an incident in Cockpit
 * @param webhookConnectTimeout        how long a webhook call may take to connect
 * @param webhookReadTimeout           how long a webhook call may wait for its answer
 * @param engineeringWorkstationTicket the ticket webhook for an engineering workstation seen for the first time
 * @param alertStatusSync              the webhook that carries an incident's status and its alerts' triage status back
 *                                     to the source system
 */
@ConfigurationProperties("watchfloor.playbooks")
record PlaybookProperties(
        @DefaultValue("R3/PT1M") String retryCycle,
        @DefaultValue("5s") Duration webhookConnectTimeout,
        @DefaultValue("30s") Duration webhookReadTimeout,
        @DefaultValue EngineeringWorkstationTicket engineeringWorkstationTicket,
        @DefaultValue Webhook alertStatusSync) {

    /**
     * @param url           where the ticket is POSTed; when empty the playbook logs that it is off and opens nothing
     * @param authorization the value of the {@code Authorization} header sent with it, if any
     * @param deviceTypes   the Defender for IoT device types (type or subtype, any case) of an engineering workstation
     */
    record EngineeringWorkstationTicket(URI url, String authorization,
                                        @DefaultValue({"Engineering Station", "EWS"}) List<String> deviceTypes) {

        Webhook webhook() {
            return new Webhook(url, authorization);
        }
    }

    /**
     * @param url           where the JSON is POSTed; when empty the playbook logs that it is off and sends nothing
     * @param authorization the value of the {@code Authorization} header sent with it, if any
     */
    record Webhook(URI url, String authorization) {

        boolean isConfigured() {
            return url != null && !url.toString().isBlank();
        }
    }
}
