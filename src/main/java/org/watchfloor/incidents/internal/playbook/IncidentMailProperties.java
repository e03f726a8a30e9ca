package org.watchfloor.incidents.internal.playbook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mail about incidents. The server is Spring's {@code spring.mail.*}; without {@code spring.mail.host} no mail is sent.
 *
 * @param from               the sender of every mail
 * @param incidentLinkBase   put before an incident's number to link to it from a mail (e.g.
 *                           {@code https://watchfloor.example.org/api/incidents/}); no link when empty
 */
@ConfigurationProperties("watchfloor.mail")
record IncidentMailProperties(@DefaultValue("watchfloor@localhost") String from, String incidentLinkBase) {
}
