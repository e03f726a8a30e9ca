package org.watchfloor.alerts.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.IntakePath;
import org.watchfloor.alerts.IntakeResult;
import org.watchfloor.alerts.MalformedIntakeException;
import org.watchfloor.cli.Command;

/** {@code import FILE}: streams an export or a query-API answer into the configured database. */
@Component
class ImportCommand implements Command {

    private final ObjectProvider<AlertIntake> intake;
    private final ObjectMapper json;

    /** The pipeline is looked up only when the verb runs, so listing the verbs opens no database. */
    ImportCommand(ObjectProvider<AlertIntake> intake, ObjectMapper json) {
        this.intake = intake;
        this.json = json;
    }

    @Override
    public String verb() {
        return "import";
    }

    @Override
    public String usage() {
        return "import FILE   (a SecurityAlert export or a Log Analytics query-API answer)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<String> files = args.stream().filter(a -> !a.startsWith("--")).toList();
        if (files.size() != 1) {
            err.println("usage: java -jar watchfloor.jar " + usage());
            return 2;
        }
        Path file = Path.of(files.get(0));
        if (!Files.isReadable(file)) {
            err.println("cannot read " + file.toAbsolutePath());
            return 1;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            IntakeResult result = intake.getObject().ingest(in, IntakePath.FILE);
            out.println(json.writeValueAsString(result));
            return 0;
        } catch (MalformedIntakeException e) {
            err.println("import stopped: " + e.getMessage());
            out.println(json.writeValueAsString(e.partial()));
            return 1;
        }
    }
}
