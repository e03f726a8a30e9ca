package org.watchfloor.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param bootstrapToken an intake token provisioned at start (stored hashed), for the first forwarder or sensor */
@ConfigurationProperties("watchfloor.intake")
record IntakeTokenProperties(String bootstrapToken) {
}
