package org.watchfloor.correlation.internal;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the rules are read from.
 *
 * @param dir          the rules folder; when it does not exist, the rules packaged in the jar are used
 * @param reloadCheck  how often the folder is checked for changed files (hot reload); 0 turns the check off
 */
@ConfigurationProperties("watchfloor.rules")
record RulesProperties(@DefaultValue("rules") Path dir, @DefaultValue("5s") Duration reloadCheck) {
}
