package org.watchfloor.reporting.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.watchfloor.cli.Command;
import org.watchfloor.cli.Options;

/**
 * {@code report daily|weekly [--from DATE] [--to DATE] [--out FILE] [--force]}: runs a report on the configured
 * database without a server, as the schedule would (archive, run record, mail to the configured recipients), and
 * copies the PDF to {@code --out}. Exit 0 when the PDF is there and delivered (or there was nobody to mail), 1 when
 * the run or its delivery failed.
 */
@Component
class ReportCommand implements Command {

    private static final Set<String> OPTIONS = Set.of("from", "to", "out", "force");

    private final ObjectProvider<ReportService> reports;
    private final ObjectProvider<ReportsProperties> properties;

    ReportCommand(ObjectProvider<ReportService> reports, ObjectProvider<ReportsProperties> properties) {
        this.reports = reports;
        this.properties = properties;
    }

    @Override
    public String verb() {
        return "report";
    }

    @Override
    public String usage() {
        return "report daily|weekly [--from DATE] [--to DATE] [--out FILE] [--force]   (dates in the reports' time "
                + "zone, --to exclusive; default: the previous day or week)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        ReportKind kind;
        ReportPeriod period;
        Path target;
        boolean force;
        try {
            List<String> flags = args.stream().filter(a -> a.equals("--force") || a.equals("--force=true")).toList();
            force = !flags.isEmpty();
            Options options = Options.parse(args.stream().filter(a -> !flags.contains(a)).toList(), OPTIONS);
            if (options.words().size() != 1) {
                throw new IllegalArgumentException("name one report: daily or weekly");
            }
            kind = ReportKind.of(options.words().get(0)).orElseThrow(() -> new IllegalArgumentException(
                    "no report '" + options.words().get(0) + "': the reports are daily and weekly"));
            LocalDate from = options.value("from").map(ReportCommand::date).orElse(null);
            LocalDate to = options.value("to").map(ReportCommand::date).orElse(null);
            if (from == null && to != null) {
                throw new IllegalArgumentException("--to needs --from");
            }
            period = from == null ? kind.previousPeriod(LocalDate.now(properties.getObject().zone()))
                    : new ReportPeriod(from, to == null ? kind.defaultEnd(from) : to);
            target = options.value("out").map(Path::of).orElse(null);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("usage: java -jar watchfloor.jar " + usage());
            return 2;
        }
        ReportService.Outcome outcome;
        try {
            outcome = reports.getObject().request(kind, period, force, "command line", true);
        } catch (ReportService.RunInProgressException e) {
            err.println(e.getMessage() + "; add --force to start another");
            return 1;
        }
        ReportRun run = outcome.run();
        if (outcome.note() != null) {
            out.println("run " + run.id() + ": " + outcome.note());
        }
        if (run.file() != null && target != null && Files.isRegularFile(Path.of(run.file()))) {
            if (target.toAbsolutePath().getParent() != null) {
                Files.createDirectories(target.toAbsolutePath().getParent());
            }
            Files.copy(Path.of(run.file()), target, StandardCopyOption.REPLACE_EXISTING);
        }
        out.printf("run %d: %s %s, %s%s%n", run.id(), run.report(), period, run.status().label(),
                run.error() == null ? "" : " (" + run.error() + ")");
        if (run.file() != null) {
            out.printf("archived %s (SHA-256 %s)%s%n", run.file(), run.sha256(),
                    target == null ? "" : ", copied to " + target);
        }
        return run.status() == RunStatus.DELIVERED || run.status() == RunStatus.ARCHIVED ? 0 : 1;
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date (YYYY-MM-DD): " + text);
        }
    }
}
