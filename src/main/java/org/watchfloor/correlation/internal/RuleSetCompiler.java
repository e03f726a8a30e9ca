package org.watchfloor.correlation.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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
        problems.addAll(DroolsErrors.place(errors, rules, RESOURCES));
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
}
