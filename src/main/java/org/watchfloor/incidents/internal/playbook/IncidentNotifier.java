package org.watchfloor.incidents.internal.playbook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Mails people about an incident: users and groups of the identity service (by the email of their account) or plain
 * addresses. Every mail names the incident's number, title, severity and status, and links to it when
 * {@code watchfloor.mail.incident-link-base} is set. Without a mail server ({@code spring.mail.host}) nothing is sent
 * and a warning says so; a configured server that refuses the mail throws, so the step that sent it is retried.
 */
@Component
public class IncidentNotifier {

    private static final Logger log = LoggerFactory.getLogger(IncidentNotifier.class);

    private final ObjectProvider<JavaMailSender> mailSender;
    private final IdentityService identity;
    private final PlaybookIncidents incidents;
    private final IncidentMailProperties properties;
    /** Users already reported without an email: a flood of incidents would otherwise repeat the warning each time. */
    private final Set<String> reportedWithoutEmail = ConcurrentHashMap.newKeySet();

    IncidentNotifier(ObjectProvider<JavaMailSender> mailSender, IdentityService identity, PlaybookIncidents incidents,
                     IncidentMailProperties properties) {
        this.mailSender = mailSender;
        this.identity = identity;
        this.incidents = incidents;
        this.properties = properties;
    }

    /**
     * Mails the users with these ids that have an email in the identity service; users without one are logged.
     *
     * @return the addresses mailed, empty when no mail server is configured
     */
    public List<String> notifyUsers(Collection<String> camundaUserIds, long incidentNumber, String subject,
                                    String text) {
        if (camundaUserIds.isEmpty()) {
            return List.of();
        }
        return notifyAddresses(emails(identity.createUserQuery()
                .userIdIn(camundaUserIds.toArray(String[]::new)).list()), incidentNumber, subject, text);
    }

    /** Mails the members of a group of the identity service that have an email. */
    public List<String> notifyGroup(String groupId, long incidentNumber, String subject, String text) {
        return notifyAddresses(emails(identity.createUserQuery().memberOfGroup(groupId).list()), incidentNumber,
                subject, text);
    }

    /**
     * Mails these addresses, each once, in one mail.
     *
     * @throws UnknownIncidentException when there is no such incident
     * @throws org.springframework.mail.MailException when the configured mail server refuses or cannot be reached
     */
    public List<String> notifyAddresses(Collection<String> emails, long incidentNumber, String subject, String text) {
        Set<String> to = new LinkedHashSet<>();
        emails.stream().filter(e -> e != null && !e.isBlank()).map(String::trim).forEach(to::add);
        PlaybookIncident incident = incidents.get(incidentNumber);
        if (to.isEmpty()) {
            log.info("Incident {}: nobody to mail about '{}'", incidentNumber, subject);
            return List.of();
        }
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            log.warn("Incident {}: no mail server is configured (spring.mail.host), so '{}' is not mailed to {}",
                    incidentNumber, subject, to);
            return List.of();
        }
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(properties.from());
        mail.setTo(to.toArray(String[]::new));
        mail.setSubject("[Watchfloor] Incident " + incident.number() + " (" + incident.severity() + "): " + subject);
        mail.setText(text + "\n\n" + footer(incident));
        sender.send(mail);
        log.info("Incident {}: mailed '{}' to {}", incidentNumber, subject, to);
        return List.copyOf(to);
    }

    private String footer(PlaybookIncident incident) {
        StringBuilder footer = new StringBuilder()
                .append("Incident ").append(incident.number()).append(": ").append(incident.title()).append('\n')
                .append("Severity: ").append(incident.severity()).append('\n')
                .append("Status: ").append(incident.status()).append('\n');
        String base = properties.incidentLinkBase();
        if (base != null && !base.isBlank()) {
            footer.append(base.trim()).append(incident.number()).append('\n');
        }
        return footer.toString();
    }

    private List<String> emails(List<User> users) {
        List<String> emails = new ArrayList<>();
        for (User user : users) {
            if (user.getEmail() == null || user.getEmail().isBlank()) {
                if (reportedWithoutEmail.add(user.getId())) {
                    log.warn("User {} has no email in the identity service and is not mailed (said once until the "
                            + "server restarts)", user.getId());
                }
            } else {
                emails.add(user.getEmail());
            }
        }
        return emails;
    }
}
