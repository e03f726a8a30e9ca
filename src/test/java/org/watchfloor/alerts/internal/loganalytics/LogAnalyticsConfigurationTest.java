package org.watchfloor.alerts.internal.loganalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** How the properties bind, and that only the server polls. */
class LogAnalyticsConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LogAnalyticsProperties.class)
    @Import(LogAnalyticsSchedule.class)
    static class Poller {
        @Bean
        LogAnalyticsPoller poller() {
            return mock(LogAnalyticsPoller.class);
        }
    }

    private final ApplicationContextRunner commandLine =
            new ApplicationContextRunner().withUserConfiguration(Poller.class);
    private final WebApplicationContextRunner server =
            new WebApplicationContextRunner().withUserConfiguration(Poller.class);

    @Test
    void serverPollsAtOnceAndThenAtTheConfiguredFixedDelayWhenEnabled() {
        server.withPropertyValues("watchfloor.log-analytics.enabled=true", "watchfloor.log-analytics.poll-interval=7m")
                .run(context -> {
                    assertThat(context).hasSingleBean(LogAnalyticsSchedule.class);
                    assertThat(context.getBean(LogAnalyticsSchedule.class).interval()).isEqualTo(Duration.ofMinutes(7));
                    verify(context.getBean(LogAnalyticsPoller.class), timeout(5000)).poll();
                });
    }

    @Test
    void brokenIntervalStillLetsTheServerStartAndPoll() {
        server.withPropertyValues("watchfloor.log-analytics.enabled=true", "watchfloor.log-analytics.poll-interval=0s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(LogAnalyticsSchedule.class).interval()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(context.getBean(LogAnalyticsProperties.class).problems())
                            .anySatisfy(p -> assertThat(p).contains("poll-interval"));
                });
    }

    @Test
    void serverDoesNotPollUnlessEnabled() {
        server.run(context -> {
            assertThat(context).doesNotHaveBean(LogAnalyticsSchedule.class);
            Thread.sleep(200);
            verifyNoInteractions(context.getBean(LogAnalyticsPoller.class));
        });
    }

    @Test
    void commandLineVerbsNeverPoll() {
        commandLine.withPropertyValues("watchfloor.log-analytics.enabled=true").run(context -> {
            assertThat(context).doesNotHaveBean(LogAnalyticsSchedule.class);
            Thread.sleep(200);
            verifyNoInteractions(context.getBean(LogAnalyticsPoller.class));
        });
    }

    @Test
    void defaultsReadDefenderForIotAlertsFromThePublicCloudEveryFiveMinutes() {
        commandLine.run(context -> {
            LogAnalyticsProperties p = context.getBean(LogAnalyticsProperties.class);
            assertThat(p.enabled()).isFalse();
            assertThat(p.endpoint()).isEqualTo("https://api.loganalytics.io/v1");
            assertThat(p.query()).contains("SecurityAlert", "\"Azure Security Center for IoT\"",
                    "\"Microsoft Defender for IoT\"", "ProviderName == \"IoTSecurity\"");
            assertThat(p.pollInterval()).isEqualTo(Duration.ofMinutes(5));
            assertThat(p.overlap()).isEqualTo(Duration.ofMinutes(20));
            assertThat(p.initialLookback()).isEqualTo(Duration.ofHours(24));
            assertThat(p.requestTimeout()).isEqualTo(Duration.ofMinutes(3));
            assertThat(p.retry())
                    .isEqualTo(new LogAnalyticsProperties.Retry(4, Duration.ofSeconds(2), Duration.ofMinutes(1)));
            assertThat(p.credential().type()).isEqualTo(LogAnalyticsProperties.CredentialType.DEFAULT);
        });
    }

    @Test
    void credentialTypesBindFromTheirKebabCaseNames() {
        commandLine.withPropertyValues("watchfloor.log-analytics.credential.type=managed-identity")
                .run(context -> assertThat(context.getBean(LogAnalyticsProperties.class).credential().type())
                        .isEqualTo(LogAnalyticsProperties.CredentialType.MANAGED_IDENTITY));
        commandLine.withPropertyValues("watchfloor.log-analytics.credential.type=client-secret")
                .run(context -> assertThat(context.getBean(LogAnalyticsProperties.class).credential().type())
                        .isEqualTo(LogAnalyticsProperties.CredentialType.CLIENT_SECRET));
    }

    @Test
    void problemsNameEachPropertyToFix() {
        commandLine.withPropertyValues("watchfloor.log-analytics.endpoint=http://api.loganalytics.io/v1",
                        "watchfloor.log-analytics.credential.type=client-secret",
                        "watchfloor.log-analytics.credential.client-id=app")
                .run(context -> assertThat(context.getBean(LogAnalyticsProperties.class).problems())
                        .anySatisfy(p -> assertThat(p).contains("watchfloor.log-analytics.workspace-id"))
                        .anySatisfy(p -> assertThat(p).contains("watchfloor.log-analytics.endpoint"))
                        .anySatisfy(p -> assertThat(p).contains("watchfloor.log-analytics.credential.tenant-id"))
                        .anySatisfy(p -> assertThat(p).contains("watchfloor.log-analytics.credential.client-secret"))
                        .noneSatisfy(p -> assertThat(p).contains("credential.client-id")));
    }

    @Test
    void printedCredentialHidesTheSecret() {
        var credential = new LogAnalyticsProperties.Credential(LogAnalyticsProperties.CredentialType.CLIENT_SECRET,
                "tenant", "app", "s3cr3t-value", null);

        assertThat(credential.toString()).doesNotContain("s3cr3t-value").contains("clientSecret=***");
    }
}
