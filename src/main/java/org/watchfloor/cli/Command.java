package org.watchfloor.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A verb of {@code java -jar watchfloor.jar VERB ...}. A module offers one as a bean; the verb runs in a context
 * without the web server, on the configured database.
 */
public interface Command {

    String verb();

    /** One line that says how to call the verb, for the usage text. */
    String usage();

    /** Runs the verb with the arguments after it; the answer is the process's exit code. */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
