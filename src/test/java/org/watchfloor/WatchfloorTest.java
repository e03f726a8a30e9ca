package org.watchfloor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The whole application on a random port over an in-memory H2, with a known administrator and intake token, mail and
 * playbook webhooks pointed at {@link TestServers}. All tests that use it share one context, so they clean up what they
 * rely on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:watchfloor-test;DB_CLOSE_DELAY=-1",
    "watchfloor.data-dir=target/test-data",
    "watchfloor.admin.username=" + WatchfloorTest.ADMIN,
    "watchfloor.admin.password=" + WatchfloorTest.ADMIN_PASSWORD,
    "watchfloor.intake.bootstrap-token=" + WatchfloorTest.INTAKE_TOKEN,
    "watchfloor.intake.max-body-size=4MB",
    "camunda.bpm.job-execution.enabled=false",
    // reports run when a test asks, mailed to an in-process SMTP server a test starts on this host
    "watchfloor.reports.daily.cron=-",
    "watchfloor.reports.weekly.cron=-",
    "watchfloor.reports.daily.recipients=" + WatchfloorTest.REPORT_RECIPIENT,
    "watchfloor.reports.weekly.recipients=" + WatchfloorTest.REPORT_RECIPIENT,
    "watchfloor.reports.output-dir=target/test-data/reports",
    "spring.mail.host=127.0.0.1"
})
@ContextConfiguration(initializers = TestServers.class)
@TestExecutionListeners(listeners = SharedEngineRegistration.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface WatchfloorTest {

    String ADMIN = "admin";
    String ADMIN_PASSWORD = "Test-admin-password-1";
    String INTAKE_TOKEN = "test-intake-token-0123456789abcdef";
    String REPORT_RECIPIENT = "soc-manager@watchfloor.test";
}
