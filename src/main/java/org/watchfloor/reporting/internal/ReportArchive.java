package org.watchfloor.reporting.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/** Where report PDFs are kept: {@code <output dir>/<report>/<report>_<from>_<to>_run<id>.pdf}. */
@Component
class ReportArchive {

    private final ReportsProperties properties;

    ReportArchive(ReportsProperties properties) {
        this.properties = properties;
    }

    Path fileFor(ReportRun run) {
        return properties.outputDir().resolve(run.report())
                .resolve(run.report() + "_" + run.from() + "_" + run.to() + "_run" + run.id() + ".pdf")
                .toAbsolutePath().normalize();
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
