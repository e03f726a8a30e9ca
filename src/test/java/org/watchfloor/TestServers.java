package org.watchfloor;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The outside world of the shared test context: an in-process SMTP server and a webhook receiver, each started once
 * per JVM on a free port, and the properties that point Watchfloor at them. Being one initializer class, it keeps all
 * {@link WatchfloorTest}s on one Spring context. Tests read the mail and requests that reached them; as the servers are
 * shared, a test picks out its own by recipient, path or incident number.
 */
public class TestServers implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The playbook webhooks' read timeout in tests: short, so the timeout test is quick. */
    public static final String WEBHOOK_READ_TIMEOUT = "1s";
    /** The playbooks' retry cycle in tests: two tries seven minutes apart, unlike the default, to show it applies. */
    public static final String RETRY_CYCLE = "R2/PT7M";
    public static final String TICKETS = "/tickets";
    public static final String STATUS_SYNC = "/status-sync";
    public static final String INCIDENT_LINK_BASE = "https://watchfloor.test/api/incidents/";

    private static final class Started {
        static final GreenMail SMTP = startSmtp();
        static final WebhookReceiver WEBHOOKS = WebhookReceiver.start();
    }

    public static GreenMail smtp() {
        return Started.SMTP;
    }

    public static WebhookReceiver webhooks() {
        return Started.WEBHOOKS;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "spring.mail.host=127.0.0.1",
                "spring.mail.port=" + smtp().getSmtp().getPort(),
                "watchfloor.mail.from=watchfloor@soc.test",
                "watchfloor.mail.incident-link-base=" + INCIDENT_LINK_BASE,
                "watchfloor.playbooks.retry-cycle=" + RETRY_CYCLE,
                "watchfloor.playbooks.webhook-read-timeout=" + WEBHOOK_READ_TIMEOUT,
                "watchfloor.playbooks.engineering-workstation-ticket.url=" + webhooks().url(TICKETS),
                "watchfloor.playbooks.engineering-workstation-ticket.authorization=Bearer ticket-token",
                "watchfloor.playbooks.alert-status-sync.url=" + webhooks().url(STATUS_SYNC)
        ).applyTo(context);
    }

    private static GreenMail startSmtp() {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop));
        return smtp;
    }
}
