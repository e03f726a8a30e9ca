package org.watchfloor.correlation.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.AlertReader;
import org.watchfloor.cli.Command;

/**
 * {@code replay FILE [--rules DIR] [--compare DIR] [--format text|json]}: decides a file of past alerts with a rule
 * set, stores nothing, and prints the incidents it would open; with {@code --compare}, what another rule set would
 * do differently.
 */
@Component
class ReplayCommand implements Command {

    private final ObjectProvider<AlertReader> reader;
    private final ObjectProvider<RuleSets> ruleSets;
    private final ObjectProvider<CorrelationProperties> properties;
    private final ObjectMapper json;
    private final Clock clock;

    ReplayCommand(ObjectProvider<AlertReader> reader, ObjectProvider<RuleSets> ruleSets,
                  ObjectProvider<CorrelationProperties> properties, ObjectMapper json, Clock clock) {
        this.reader = reader;
        this.ruleSets = ruleSets;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String verb() {
        return "replay";
    }

    @Override
    public String usage() {
        return "replay FILE [--rules DIR] [--compare DIR] [--format text|json]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(args);
        if (a.file == null || !(a.format.equals("text") || a.format.equals("json"))) {
            err.println("usage: java -jar watchfloor.jar " + usage());
            return 2;
        }
        RuleSet rules;
        RuleSet other = null;
        try {
            rules = a.rules == null ? ruleSets.getObject().configured() : ruleSets.getObject().fromDirectory(a.rules);
            if (a.compare != null) {
                other = ruleSets.getObject().fromDirectory(a.compare);
            }
        } catch (RuleSetException e) {
            err.println(e.getMessage());
            return 1;
        }
        Replay.Result result = replay(a.file, rules, err);
        ReplayComparison comparison = other == null ? null
                : ReplayComparison.of(result, replay(a.file, other, err), other.origin());
        if (a.format.equals("json")) {
            ObjectWriter writer = json.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (comparison == null) {
                writer.writeValue(out, result);
            } else {
                ObjectNode document = json.valueToTree(result);
                document.set("compare", json.valueToTree(comparison));
                writer.writeValue(out, document);
            }
            out.println();
        } else {
            ReplayText.print(result, rules.origin(), comparison, out);
        }
        return 0;
    }

    /** Says on standard error how fast the rules decided, so the standard output stays the result alone. */
    private Replay.Result replay(Path file, RuleSet rules, PrintStream err) throws Exception {
        long started = System.nanoTime();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Replay.Result result = Replay.run(in, reader.getObject(), rules, properties.getObject().settings(), clock);
            double seconds = (System.nanoTime() - started) / 1e9;
            Runtime runtime = Runtime.getRuntime();
            double deciding = result.decidingNanos() / 1e9;
            double decidingCpu = result.decidingCpuNanos() / 1e9;
            err.printf(Locale.ROOT, "replayed %s with %s: %d alerts in %.1f s (%.0f alerts/s with reading and "
                            + "parsing); deciding took %.1f s (%.0f decisions/s), %.1f CPU s on its thread (%.0f "
                            + "decisions per CPU s); heap in use %d MB of %d MB%n",
                    file, rules.origin(), result.decided(), seconds, result.decided() / seconds, deciding,
                    result.decided() / deciding, decidingCpu, result.decided() / decidingCpu,
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
            return result;
        }
    }

    private record Arguments(Path file, Path rules, Path compare, String format) {

        static Arguments parse(List<String> args) {
            Path file = null;
            Path rules = null;
            Path compare = null;
            String format = "text";
            List<String> rest = new ArrayList<>(args);
            for (int i = 0; i < rest.size(); i++) {
                String arg = rest.get(i);
                String value = i + 1 < rest.size() ? rest.get(i + 1) : null;
                switch (arg) {
                    case "--rules" -> { rules = value == null ? null : Path.of(value); i++; }
                    case "--compare" -> { compare = value == null ? null : Path.of(value); i++; }
                    case "--format" -> { format = value == null ? "" : value; i++; }
                    default -> {
                        if (arg.startsWith("--")) {
                            continue;
                        }
                        file = file == null ? Path.of(arg) : file;
                    }
                }
            }
            return new Arguments(file, rules, compare, format);
        }
    }

}
