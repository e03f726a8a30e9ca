package org.watchfloor.incidents.internal.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchfloor.incidents.internal.playbook.PlaybookAlerts.PLC_LINE_B;
import static org.watchfloor.incidents.internal.playbook.PlaybookAlerts.PLC_UTILITIES;
import static org.watchfloor.incidents.internal.playbook.PlaybookAlerts.incidentFor;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.watchfloor.TestServers;
import org.watchfloor.WatchfloorTest;

/** Mail about an incident to users, groups and addresses, through the in-process SMTP server. */
@WatchfloorTest
class IncidentNotifierTest {

    private static final String GROUP = "notifier-test-engineers";

    @Autowired
    ApplicationContext context;
    @Autowired
    IncidentNotifier notifier;
    @Autowired
    IdentityService identity;
    @Autowired
    PlaybookIncidents incidents;
    @Autowired
    IncidentMailProperties mailProperties;

    private long incident;

    @BeforeEach
    void anIncidentAndAGroupOfThree() throws Exception {
        TestServers.smtp().purgeEmailFromAllMailboxes();
        incident = incidentFor(context, "Unauthorized DHCP Configuration", Instant.now(), PLC_LINE_B, PLC_UTILITIES);
        identity.saveGroup(identity.newGroup(GROUP));
        user("notifier-anna", "anna@plant.example");
        user("notifier-bram", "bram@plant.example");
        user("notifier-cees", null);
    }

    private void user(String id, String email) {
        var user = identity.newUser(id);
        user.setEmail(email);
        identity.saveUser(user);
        identity.createMembership(id, GROUP);
    }

    @AfterEach
    void removeThem() {
        List.of("notifier-anna", "notifier-bram", "notifier-cees").forEach(identity::deleteUser);
        identity.deleteGroup(GROUP);
    }

    @Test
    void aGroupIsMailedAtTheEmailsOfItsMembersThatHaveOne() throws Exception {
        List<String> mailed = notifier.notifyGroup(GROUP, incident, "remediation is late", "The SLA was breached.");

        assertThat(mailed).containsExactlyInAnyOrder("anna@plant.example", "bram@plant.example");
        List<MimeMessage> copies = mailsOf(incident);
        assertThat(copies).as("one mail, a copy in each mailbox").hasSize(2)
                .extracting(MimeMessage::getMessageID).containsOnly(copies.get(0).getMessageID());
        MimeMessage mail = copies.get(0);
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactlyInAnyOrder("anna@plant.example", "bram@plant.example");
        assertThat(mail.getSubject()).isEqualTo("[Watchfloor] Incident " + incident + " (Medium): remediation is late");
        assertThat(mail.getContent().toString()).startsWith("The SLA was breached.")
                .contains("Incident " + incident + ": Unauthorized DHCP Configuration");
    }

    @Test
    void usersAreMailedByIdAndAddressesAsGivenEachOnce() throws Exception {
        assertThat(notifier.notifyUsers(List.of("notifier-anna", "notifier-cees"), incident, "assigned", "Yours."))
                .containsExactly("anna@plant.example");
        assertThat(notifier.notifyAddresses(List.of("ops@plant.example", " ops@plant.example", ""), incident,
                "fyi", "Look.")).containsExactly("ops@plant.example");
        assertThat(notifier.notifyUsers(List.of(), incident, "nobody", "Nobody.")).isEmpty();
    }

    @Test
    void withoutAMailServerNothingIsSentAndNothingFails() throws Exception {
        IncidentNotifier unconfigured = new IncidentNotifier(
                new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), identity, incidents,
                mailProperties);

        assertThat(unconfigured.notifyAddresses(List.of("ops@plant.example"), incident, "fyi", "Look.")).isEmpty();
        assertThat(mailsOf(incident)).isEmpty();
    }

    @Test
    void aConfiguredMailServerThatCannotBeReachedFailsTheCall() throws Exception {
        JavaMailSenderImpl unreachable = new JavaMailSenderImpl();
        unreachable.setHost("127.0.0.1");
        try (ServerSocket closed = new ServerSocket(0)) {
            unreachable.setPort(closed.getLocalPort());
        }
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("mailSender", unreachable);
        IncidentNotifier failing = new IncidentNotifier(beans.getBeanProvider(JavaMailSender.class), identity,
                incidents, mailProperties);

        assertThatThrownBy(() -> failing.notifyAddresses(List.of("ops@plant.example"), incident, "fyi", "Look."))
                .isInstanceOf(MailSendException.class);
    }

    private static List<MimeMessage> mailsOf(long incident) throws Exception {
        return Arrays.stream(TestServers.smtp().getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().startsWith("[Watchfloor] Incident " + incident + " ");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
