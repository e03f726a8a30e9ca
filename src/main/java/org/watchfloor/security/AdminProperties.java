package org.watchfloor.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first administrator. With a password configured it is set at every start, so an operator can always regain
 * access through configuration; without one, a password is generated and printed once, when the user is created.
 */
@ConfigurationProperties("watchfloor.admin")
record AdminProperties(@DefaultValue("admin") String username, String password) {
}
