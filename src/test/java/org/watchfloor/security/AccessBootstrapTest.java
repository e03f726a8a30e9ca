package org.watchfloor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.watchfloor.WatchfloorTest;

/** What the first request finds on a fresh database: the moment the web server starts, as a forwarder sees it. */
@WatchfloorTest
@Import(AccessBootstrapTest.AtWebServerStart.class)
class AccessBootstrapTest {

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:watchfloor-access;DB_CLOSE_DELAY=-1");
    }

    @TestConfiguration
    static class AtWebServerStart {

        final AtomicReference<Optional<String>> bootstrapTokenHolder = new AtomicReference<>();
        final AtomicBoolean administratorExists = new AtomicBoolean();

        @Bean
        ApplicationListener<WebServerInitializedEvent> whatTheFirstRequestFinds(IntakeTokens tokens,
                                                                                IdentityService identity) {
            return started -> {
                bootstrapTokenHolder.set(tokens.holder(WatchfloorTest.INTAKE_TOKEN));
                administratorExists.set(identity.createUserQuery().userId(WatchfloorTest.ADMIN).count() == 1);
            };
        }
    }

    @Autowired
    AtWebServerStart atStart;

    @Test
    void theBootstrapTokenAndTheAdministratorAreThereBeforeTheServerTakesRequests() {
        assertThat(atStart.bootstrapTokenHolder.get()).contains("bootstrap");
        assertThat(atStart.administratorExists).isTrue();
    }
}
