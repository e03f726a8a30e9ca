package org.watchfloor.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** {@code rules check DIR} as a SOC lead's CI runs it on their rules repository. */
class RulesCheckCommandTest {

    @TempDir
    Path scratch;

    private final RulesCheckCommand command = new RulesCheckCommand(new StaticListableBeanFactory(Map.of("ruleSets",
            new RuleSets(new RuleSetCompiler(RuleTestSupport.CLOCK),
                    new RulesProperties(Path.of("rules"), Duration.ofSeconds(5))))).getBeanProvider(RuleSets.class));

    private int check(ByteArrayOutputStream out, String... args) throws Exception {
        return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void aFolderThatBuildsExitsZero() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(check(out, "check", "rules")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("OK: ");
    }

    @Test
    void aBrokenFolderPrintsWhereAndExitsOne() throws Exception {
        RuleTestSupport.copy(RuleTestSupport.RULES, scratch);
        Files.writeString(scratch.resolve("creation/typo.drl"),
                "package creation\nimport org.watchfloor.correlation.rules.*;\nrule \"typo\"\nwhen\n  Decision( alert.nmae == \"x\" )\nthen\nend\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(check(out, "check", scratch.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("creation/typo.drl:5");
    }
}
