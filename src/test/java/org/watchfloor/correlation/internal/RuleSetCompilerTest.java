package org.watchfloor.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSetCompilerTest {

    @TempDir
    Path scratch;

    private final RuleSetCompiler compiler = new RuleSetCompiler(RuleTestSupport.CLOCK);

    /** The project's rules folder with one file added or replaced: the problems its refused build names. */
    private List<RuleProblem> problemsWith(String file, String content) throws Exception {
        RuleTestSupport.copy(RuleTestSupport.RULES, scratch);
        Files.writeString(scratch.resolve(file), content);
        RuleSetException refused = catchThrowableOfType(() -> compiler.compile(RuleSource.fromDirectory(scratch)),
                RuleSetException.class);
        assertThat(refused).as("the build is refused").isNotNull();
        return refused.problems();
    }

    @Test
    void theProjectRulesAndThePackagedRulesBuild() throws Exception {
        assertThat(compiler.compile(RuleSource.fromDirectory(RuleTestSupport.RULES)).files())
                .contains("creation/microsoft-security.drl", "correlation/multistage.drl",
                        "watchlists/maintenance-windows.csv");
        assertThat(compiler.compile(RuleSource.packaged()).files()).contains("creation/microsoft-security.drl");
    }

    @Test
    void aBrokenConstraintIsReportedOnceWithFileLineAndColumn() throws Exception {
        assertThat(problemsWith("correlation/broken.drl", """
                package correlation
                import org.watchfloor.correlation.rules.*;
                rule "broken"
                when
                    $d : Decision( alert.nosuchproperty == 1 )
                then
                end
                """)).singleElement().satisfies(p -> {
                    assertThat(p.file()).isEqualTo("correlation/broken.drl");
                    assertThat(p.line()).isEqualTo(5);
                    assertThat(p.toString()).startsWith("correlation/broken.drl:5");
                    assertThat(p.column()).as("where alert.nosuchproperty starts").isEqualTo(20);
                    assertThat(p.message()).isEqualTo("unable to analyse expression 'alert.nosuchproperty': "
                            + "unable to resolve method using strict-mode: "
                            + "org.watchfloor.correlation.rules.Alert.nosuchproperty()");
                });
    }

    @Test
    void aBrokenConstraintOfAPatternOverSeveralLinesIsPlacedOnItsOwnLine() throws Exception {
        assertThat(problemsWith("correlation/broken.drl", """
                package correlation
                import org.watchfloor.correlation.rules.*;
                rule "broken"
                when
                    $d : Decision(
                        $a : alert,
                        alert.severty == "High"
                    )
                then
                end
                """)).map(RuleProblem::toString).singleElement().asString()
                .startsWith("correlation/broken.drl:7:9: unable to analyse expression 'alert.severty'");
    }

    @Test
    void aSyntaxErrorIsReportedOnceWithTheColumnAnEditorShows() throws Exception {
        assertThat(problemsWith("correlation/misspelt.drl", """
                package correlation
                import org.watchfloor.correlation.rules.*;
                rule "misspelt"
                when
                    $d : Decision( $a : alert )
                thne
                    $d.tag(drools, "x");
                end
                """)).singleElement().satisfies(p -> {
                    assertThat(p.toString()).startsWith("correlation/misspelt.drl:7:5: ");
                    assertThat(p.message()).contains("mismatched input '$d'");
                });
    }

    @Test
    void anUnknownNameInAConsequenceIsPlacedWhereItIsUsed() throws Exception {
        assertThat(problemsWith("correlation/consequence.drl", """
                package correlation
                import org.watchfloor.correlation.rules.*;
                rule "unknown method"
                when
                    $d : Decision( $a : alert )
                then
                    $d.tag(drools, "checked");
                    $d.escalate();
                end
                rule "unknown variable"
                when
                    $d : Decision( $a : alert )
                then
                    $d.tag(drools, $b.getName());
                end
                rule "wrong arguments"
                when
                    $d : Decision( $a : alert )
                then
                    $d.tag(drools, 42);
                end
                """)).map(RuleProblem::toString).containsExactlyInAnyOrder(
                "correlation/consequence.drl:8:8: Rule Compilation error The method escalate() is undefined for "
                        + "the type Decision",
                "correlation/consequence.drl:14:20: Rule Compilation error $b cannot be resolved",
                "correlation/consequence.drl:16: Rule Compilation error The method tag(RuleContext, String) in the "
                        + "type Decision is not applicable for the arguments (KnowledgeHelper, int)");
    }

    @Test
    void aLogicalInsertIsRefusedWithItsLineAndWhatToDoInstead() throws Exception {
        assertThat(problemsWith("correlation/logical.drl", """
                package correlation
                import org.watchfloor.correlation.rules.*;
                rule "logical"
                when
                    $d : Decision( $a : alert )
                then
                    insertLogical(new String("x"));
                end
                """)).singleElement().satisfies(p -> {
                    assertThat(p.toString()).startsWith("correlation/logical.drl:7:5: insertLogical is not supported");
                    assertThat(p.message()).contains("$d.createIncident");
                });
    }

    @Test
    void aSettingsGlobalOfAnotherTypeIsRefused() throws Exception {
        assertThat(problemsWith("suppression/settings.drl", """
                package suppression
                global java.util.Map settings;
                """)).map(RuleProblem::message).anySatisfy(message -> assertThat(message)
                .contains("global settings is declared as java.util.Map")
                .contains("declare it as global Settings settings"));
    }

    @Test
    void aBrokenWatchlistRowIsReportedWithItsLine() throws Exception {
        assertThat(problemsWith(Watchlists.MAINTENANCE_WINDOWS,
                "site,device,start,end,reason\nPlant Rotterdam,,tomorrow,2026-11-02T00:00:00Z,oops\n"))
                .map(RuleProblem::toString).anySatisfy(problem -> assertThat(problem)
                        .startsWith("watchlists/maintenance-windows.csv:2"));
    }
}
