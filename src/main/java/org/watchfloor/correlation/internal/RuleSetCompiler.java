package org.watchfloor.correlation.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;
import org.kie.internal.builder.conf.PropertySpecificOption;
import org.springframework.stereotype.Component;
import org.watchfloor.correlation.rules.Settings;

/**
 * Compiles DRL text at run time. Facts are inserted and deleted per decision, never modified in place, so property
 * reactivity buys nothing and is left off. Each build gets a release id of its own and leaves the KIE repository as it was,
 * so a rule set is built aside while another runs, and a reload never changes the rules of a build in use.
 */
@Component
class RuleSetCompiler {

    private static final String RESOURCES = "src/main/resources/";
    private static final AtomicLong BUILDS = new AtomicLong();

    private final Clock clock;

    RuleSetCompiler(Clock clock) {
        this.clock = clock;
    }

    /**
     * Drools' words when a rule inserts logically and its truth maintenance module is absent. It is left out on
     * purpose: with it, every rule match carries truth-maintenance bookkeeping (up to a fifth of a decision's cost
     * in the benchmark), and rules here only ask the {@code Decision}. Drools names the file but not the line.
     */
    private static final String TRUTH_MAINTENANCE = "Truth Maintenance System";
    private static final String LOGICAL_INSERT = "insertLogical";

    /**
     * Drools' parser leaves the message's column at 0 and writes the place into its text instead, "Line 12:4", the
     * column counted from 0 there; a SOC lead's editor counts from 1.
     */
    private static final Pattern PARSER_PLACE = Pattern.compile("\\bLine (\\d+):(\\d+)\\b");

    /** Drools' echo of a file that did not parse; the parser's own errors for that file already say where and why. */
    private static final String NOTHING_PARSED = "Parser returned a null Package";

    RuleSet compile(RuleSource source) throws RuleSetException {
        List<RuleProblem> problems = new ArrayList<>();
        List<RuleSource.File> rules = source.files().stream().filter(RuleSource.File::isRule).toList();
        if (rules.isEmpty()) {
            problems.add(new RuleProblem("(rules folder)", 0, 0, "holds no .drl file"));
        }
        Watchlists watchlists = Watchlists.read(
                source.files().stream().filter(RuleSource.File::isWatchlist).toList(), problems);

        KieServices kie = KieServices.Factory.get();
        ReleaseId release = kie.newReleaseId("org.watchfloor", "rules", "1.0." + BUILDS.incrementAndGet());
        KieFileSystem files = kie.newKieFileSystem().generateAndWritePomXML(release)
                .writeKModuleXML(kie.newKieModuleModel()
                        .setConfigurationProperty(PropertySpecificOption.PROPERTY_NAME,
                                PropertySpecificOption.ALLOWED.name())
                        .toXML());
        rules.forEach(f -> files.write(RESOURCES + f.path(), f.content()));
        List<Message> errors = kie.newKieBuilder(files).buildAll().getResults().getMessages(Message.Level.ERROR);
        Set<String> explained = errors.stream().filter(m -> !m.getText().contains(NOTHING_PARSED))
                .map(RuleSetCompiler::pathOf).collect(Collectors.toSet());
        for (Message message : errors) {
            String path = pathOf(message);
            if (message.getText().contains(TRUTH_MAINTENANCE)) {
                problems.add(logicalInsertIn(path, rules));
            } else if (!(message.getText().contains(NOTHING_PARSED) && explained.contains(path))) {
                problems.add(new RuleProblem(path, message.getLine(), columnOf(message), message.getText().trim()));
            }
        }
        if (!problems.isEmpty()) {
            kie.getRepository().removeKieModule(release);
            throw new RuleSetException(source.origin(), problems);
        }
        KieContainer container = kie.newKieContainer(release);
        kie.getRepository().removeKieModule(release);
        KieBase kieBase = container.getKieBase();
        problems.addAll(settingsOfAnotherType(kieBase));
        if (!problems.isEmpty()) {
            throw new RuleSetException(source.origin(), problems);
        }
        return new RuleSet(kieBase, watchlists, source.origin(),
                source.files().stream().map(RuleSource.File::path).toList(), clock.instant());
    }

    private static String pathOf(Message message) {
        return message.getPath() == null ? "(rules)" : message.getPath().replaceFirst("^" + RESOURCES, "");
    }

    private static int columnOf(Message message) {
        if (message.getColumn() > 0) {
            return message.getColumn();
        }
        Matcher place = PARSER_PLACE.matcher(message.getText());
        return place.find() && Integer.parseInt(place.group(1)) == message.getLine()
                ? Integer.parseInt(place.group(2)) + 1 : 0;
    }

    /**
     * The engine hands the configured settings to every rule set that declares the global {@code settings}; declared
     * as anything else, it could not, and the rules would read null at the first alert instead of failing here.
     */
    private static List<RuleProblem> settingsOfAnotherType(KieBase kieBase) {
        return kieBase.getKiePackages().stream()
                .flatMap(p -> p.getGlobalVariables().stream()
                        .filter(g -> g.getName().equals(CorrelationEngine.SETTINGS)
                                && !g.getType().equals(Settings.class.getName()))
                        .map(g -> new RuleProblem("(package " + p.getName() + ")", 0, 0, "global "
                                + g.getName() + " is declared as " + g.getType() + "; it holds the configured "
                                + "windows and filters, so declare it as global Settings settings")))
                .toList();
    }

    private static RuleProblem logicalInsertIn(String path, List<RuleSource.File> rules) {
        String message = LOGICAL_INSERT + " is not supported: Watchfloor runs Drools without truth maintenance."
                + " Ask the decision instead ($d.createIncident, $d.join, $d.suppress, $d.tag, ...)";
        String content = rules.stream().filter(f -> f.path().equals(path)).map(RuleSource.File::content)
                .findFirst().orElse("");
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int column = lines[i].indexOf(LOGICAL_INSERT);
            if (column >= 0) {
                return new RuleProblem(path, i + 1, column + 1, message);
            }
        }
        return new RuleProblem(path, 0, 0, message);
    }
}
