package org.watchfloor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample alerts in {@code ../shared/data}, beside the project, that tests feed through Watchfloor. */
public final class SharedData {

    private static final Path DIR = Path.of("..", "shared", "data");

    private SharedData() {
    }

    public static Path path(String file) {
        Path path = DIR.resolve(file);
        if (!Files.isReadable(path)) {
            throw new IllegalStateException("the shared sample data is missing: " + path.toAbsolutePath());
        }
        return path;
    }

    public static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(path(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final String SAMPLE = "securityalert-sample.json";
    public static final String EDGE_CASES = "securityalert-edge-cases.json";
    public static final String QUERY_RESPONSE = "loganalytics-query-response.json";
}
