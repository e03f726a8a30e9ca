package org.watchfloor.benchmark;

import java.nio.file.Path;

/** The benchmarks' H2 file databases, opened with the options of the application's default URL. */
final class H2Files {

    private H2Files() {
    }

    /** The URL of the H2 file database {@code watchfloor} in {@code folder}, with application.yml's options. */
    static String url(Path folder) {
        return "jdbc:h2:file:" + folder.toAbsolutePath().resolve("watchfloor")
                + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=128;AUTO_COMPACT_FILL_RATE=50"
                + ";OPTIMIZE_REUSE_RESULTS=FALSE";
    }
}
