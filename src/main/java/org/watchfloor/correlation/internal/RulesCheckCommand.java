package org.watchfloor.correlation.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.watchfloor.cli.Command;

/**
 * {@code rules check [DIR]}: builds a rules folder (the configured one by default) and says what is wrong with it,
 * file, line and column; exits 0 when it builds, 1 when not. For a SOC lead's own CI on their rules repository.
 */
@Component
class RulesCheckCommand implements Command {

    private final ObjectProvider<RuleSets> ruleSets;

    RulesCheckCommand(ObjectProvider<RuleSets> ruleSets) {
        this.ruleSets = ruleSets;
    }

    @Override
    public String verb() {
        return "rules";
    }

    @Override
    public String usage() {
        return "rules check [DIR]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<String> words = args.stream().filter(a -> !a.startsWith("--")).toList();
        if (words.isEmpty() || !words.get(0).equals("check") || words.size() > 2) {
            err.println("usage: java -jar watchfloor.jar " + usage());
            return 2;
        }
        try {
            RuleSet rules = words.size() == 2
                    ? ruleSets.getObject().fromDirectory(Path.of(words.get(1)))
                    : ruleSets.getObject().configured();
            out.println("OK: " + rules.origin() + " builds (" + rules.files().size() + " files)");
            return 0;
        } catch (RuleSetException e) {
            out.println(e.getMessage());
            return 1;
        }
    }
}
