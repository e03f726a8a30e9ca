package org.watchfloor.correlation.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The text of a rule set: every {@code .drl} below the rules folder and the watchlists ({@code .csv}) beside them,
 * by path relative to the folder. Read from a folder on disk, or from the jar's packaged defaults.
 */
record RuleSource(String origin, List<File> files) {

    record File(String path, String content) {

        boolean isRule() {
            return path.endsWith(".drl");
        }

        boolean isWatchlist() {
            return path.endsWith(".csv");
        }
    }

    static RuleSource fromDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no rules folder at " + dir.toAbsolutePath());
        }
        List<File> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.filter(Files::isRegularFile).filter(RuleSource::isRuleFile)
                    .sorted(Comparator.comparing(Path::toString)).toList()) {
                String relative = dir.relativize(path).toString().replace('\\', '/');
                files.add(new File(relative, Files.readString(path, StandardCharsets.UTF_8)));
            }
        }
        return new RuleSource(dir.toAbsolutePath().normalize().toString(), files);
    }

    /** The rule set packaged into the jar from the project's {@code rules/} folder. */
    static RuleSource packaged() {
        try {
            List<File> files = new ArrayList<>();
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
            for (String pattern : List.of("classpath*:rules/**/*.drl", "classpath*:rules/**/*.csv")) {
                for (Resource resource : resolver.getResources(pattern)) {
                    String url = resource.getURL().toString();
                    String relative = url.substring(url.lastIndexOf("/rules/") + "/rules/".length());
                    try (InputStream in = resource.getInputStream()) {
                        files.add(new File(relative, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
            files.sort(Comparator.comparing(File::path));
            return new RuleSource("the rules packaged in the jar", files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged rules", e);
        }
    }

    private static boolean isRuleFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".drl") || name.endsWith(".csv");
    }
}
