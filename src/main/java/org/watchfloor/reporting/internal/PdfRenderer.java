package org.watchfloor.reporting.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Fills a report's template with its figures and tables and writes the PDF. */
@Component
class PdfRenderer {

    private static final Logger log = LoggerFactory.getLogger(PdfRenderer.class);

    private final ReportTemplates templates;
    private final ReportsProperties properties;

    PdfRenderer(ReportTemplates templates, ReportsProperties properties) {
        this.templates = templates;
        this.properties = properties;
    }

    /** Writes the PDF beside {@code target} first and moves it in place, so a failed fill leaves no partial file. */
    void render(ReportKind kind, Map<String, Object> parameters, ReportSections sections, Path target)
            throws IOException {
        // the fill adds its own entries to the map it is given
        Map<String, Object> fill = new HashMap<>(parameters);
        fill.put(JRParameter.REPORT_LOCALE, Locale.ENGLISH);
        fill.put(JRParameter.REPORT_TIME_ZONE, TimeZone.getTimeZone(properties.zone()));
        List<Map<String, ?>> rows = sections.rows();
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            JasperReport template = templates.template(kind);
            long started = System.nanoTime();
            JasperPrint print = JasperFillManager.fillReport(template, fill, new JRMapCollectionDataSource(rows));
            long filled = System.nanoTime();
            JRPdfExporter exporter = new JRPdfExporter();
            exporter.setExporterInput(new SimpleExporterInput(print));
            exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
            SimplePdfExporterConfiguration configuration = new SimplePdfExporterConfiguration();
            configuration.setMetadataTitle(String.valueOf(parameters.get("REPORT_TITLE")));
            configuration.setMetadataCreator("Watchfloor");
            exporter.setConfiguration(configuration);
            exporter.exportReport();
            log.info("{}: filled {} pages in {} ms, wrote the PDF in {} ms", kind.template(), print.getPages().size(),
                    (filled - started) / 1_000_000, (System.nanoTime() - filled) / 1_000_000);
        } catch (JRException e) {
            Files.deleteIfExists(partial);
            throw new IllegalStateException("filling " + kind.template() + " failed: " + e.getMessage(), e);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
