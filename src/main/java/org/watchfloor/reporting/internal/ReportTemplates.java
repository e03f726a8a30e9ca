package org.watchfloor.reporting.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.util.JRLoader;
import net.sf.jasperreports.engine.util.JRSaver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The compiled templates. A template is read from the templates folder ({@code watchfloor.reports.dir}) when it is
 * there, so an edited template takes effect at the next run without a rebuild, else from the jar's packaged copy of
 * the project's {@code reports/}. Compiling a template takes seconds (its expressions become Java classes), so the
 * compiled form is kept, in memory and as a {@code .jasper} file under the output folder, for as long as the template
 * text and the JasperReports version stay the same: a command-line run, a new process each time, compiles once.
 */
@Component
class ReportTemplates {

    private static final Logger log = LoggerFactory.getLogger(ReportTemplates.class);

    private final ReportsProperties properties;
    private final Map<String, JasperReport> compiled = new ConcurrentHashMap<>();

    ReportTemplates(ReportsProperties properties) {
        this.properties = properties;
    }

    JasperReport template(ReportKind kind) {
        String name = kind.template() + ".jrxml";
        Path file = properties.dir().resolve(name);
        try {
            byte[] text;
            String origin;
            if (Files.isRegularFile(file)) {
                text = Files.readAllBytes(file);
                origin = file.toAbsolutePath().normalize().toString();
            } else {
                try (InputStream in = ReportTemplates.class.getResourceAsStream("/reports/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("no template " + name + " in "
                                + properties.dir().toAbsolutePath() + " nor in the jar");
                    }
                    text = in.readAllBytes();
                }
                origin = "the jar's " + name;
            }
            String key = kind.template() + "-" + fingerprint(text);
            JasperReport known = compiled.get(key);
            if (known != null) {
                return known;
            }
            JasperReport report = load(key).orElseGet(() -> compile(text, origin, key));
            compiled.put(key, report);
            return report;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the template " + file.toAbsolutePath(), e);
        }
    }

    private Optional<JasperReport> load(String key) {
        Path cached = cache(key);
        if (!Files.isRegularFile(cached)) {
            return Optional.empty();
        }
        try {
            return Optional.of((JasperReport) JRLoader.loadObject(cached.toFile()));
        } catch (JRException | RuntimeException e) {
            log.warn("ignoring the unreadable compiled template {}: {}", cached, e.getMessage());
            return Optional.empty();
        }
    }

    private JasperReport compile(byte[] text, String origin, String key) {
        long started = System.nanoTime();
        JasperReport report;
        try {
            report = JasperCompileManager.compileReport(new ByteArrayInputStream(text));
        } catch (JRException e) {
            throw new IllegalStateException("the template " + origin + " does not compile: " + e.getMessage(), e);
        }
        log.info("compiled the template {} in {} ms", origin, (System.nanoTime() - started) / 1_000_000);
        Path cached = cache(key);
        try {
            Files.createDirectories(cached.getParent());
            Path partial = cached.resolveSibling(cached.getFileName() + ".partial");
            JRSaver.saveObject(report, partial.toFile());
            Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | JRException e) {
            log.warn("cannot keep the compiled template at {}: {}", cached, e.getMessage());
        }
        return report;
    }

    private Path cache(String key) {
        return properties.outputDir().resolve(".compiled").resolve(key + ".jasper");
    }

    /** The template text and the JasperReports version that compiles it. */
    private static String fingerprint(byte[] text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(text);
            String version = JasperCompileManager.class.getPackage().getImplementationVersion();
            digest.update(String.valueOf(version).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
