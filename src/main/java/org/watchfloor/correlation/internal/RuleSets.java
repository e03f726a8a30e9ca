package org.watchfloor.correlation.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** Finds and builds rule sets: the configured folder when it exists, else the rules packaged in the jar. */
@Component
class RuleSets {

    private final RuleSetCompiler compiler;
    private final RulesProperties properties;

    RuleSets(RuleSetCompiler compiler, RulesProperties properties) {
        this.compiler = compiler;
        this.properties = properties;
    }

    RuleSource configuredSource() throws IOException {
        return Files.isDirectory(properties.dir()) ? RuleSource.fromDirectory(properties.dir()) : RuleSource.packaged();
    }

    RuleSet configured() throws IOException, RuleSetException {
        return compiler.compile(configuredSource());
    }

    RuleSet fromDirectory(Path dir) throws IOException, RuleSetException {
        return compiler.compile(RuleSource.fromDirectory(dir));
    }
}
