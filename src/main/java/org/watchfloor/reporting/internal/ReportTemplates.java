package org.watchfloor.reporting.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperReport;
import org.springframework.stereotype.Component;

/**
 * The compiled templates. A template is read from the templates folder ({@code watchfloor.reports.dir}) when it is
 * there, so an edited template takes effect at the next run without a rebuild, else from the jar's packaged copy of
 * the project's {@code reports/}. A compiled template is kept until its file changes.
 */
@Component
class ReportTemplates {

    private final ReportsProperties properties;
    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

    ReportTemplates(ReportsProperties properties) {
        this.properties = properties;
    }

    private record Compiled(String origin, FileTime modified, JasperReport report) {
    }

    JasperReport template(ReportKind kind) {
        String name = kind.template() + ".jrxml";
        Path file = properties.dir().resolve(name);
        try {
            if (Files.isRegularFile(file)) {
                FileTime modified = Files.getLastModifiedTime(file);
                String origin = file.toAbsolutePath().normalize().toString();
                Compiled known = compiled.get(name);
                if (known != null && known.origin().equals(origin) && known.modified().equals(modified)) {
                    return known.report();
                }
                try (InputStream in = Files.newInputStream(file)) {
                    return remember(name, new Compiled(origin, modified, compile(in, origin)));
                }
            }
            Compiled known = compiled.get(name);
            if (known != null && known.modified() == null) {
                return known.report();
            }
            try (InputStream in = ReportTemplates.class.getResourceAsStream("/reports/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("no template " + name + " in " + properties.dir().toAbsolutePath()
                            + " nor in the jar");
                }
                return remember(name, new Compiled("the jar", null, compile(in, "the jar's " + name)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the template " + file.toAbsolutePath(), e);
        }
    }

    private JasperReport remember(String name, Compiled template) {
        compiled.put(name, template);
        return template.report();
    }

    private static JasperReport compile(InputStream in, String origin) {
        try {
            return JasperCompileManager.compileReport(in);
        } catch (JRException e) {
            throw new IllegalStateException("the template " + origin + " does not compile: " + e.getMessage(), e);
        }
    }
}
