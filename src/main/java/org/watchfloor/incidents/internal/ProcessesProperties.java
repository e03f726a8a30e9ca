package org.watchfloor.incidents.internal;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the BPMN processes and their forms are read from.
 *
 * @param dir          the processes folder; when it does not exist, the processes packaged in the jar are deployed
 * @param reloadCheck  how often the folder is checked for changed files, which deploy as a new version; 0 turns the
 *                     check off
 */
@ConfigurationProperties("watchfloor.processes")
record ProcessesProperties(@DefaultValue("processes") Path dir, @DefaultValue("5s") Duration reloadCheck) {
}
