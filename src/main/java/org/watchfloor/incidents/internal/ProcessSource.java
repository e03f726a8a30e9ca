package org.watchfloor.incidents.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The processes a deployment holds: every BPMN, DMN and Camunda Form below the processes folder, by path relative to
 * it. Read from a folder on disk, or from the jar's packaged defaults.
 */
record ProcessSource(String origin, List<File> files) {

    private static final List<String> EXTENSIONS = List.of(".bpmn", ".dmn", ".form");

    record File(String path, byte[] content) {
    }

    static ProcessSource fromDirectory(Path dir) throws IOException {
        List<File> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.filter(Files::isRegularFile).filter(p -> deployable(p.getFileName().toString()))
                    .sorted(Comparator.comparing(Path::toString)).toList()) {
                files.add(new File(dir.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path)));
            }
        }
        return new ProcessSource(dir.toAbsolutePath().normalize().toString(), files);
    }

    /** The processes packaged into the jar from the project's {@code processes/} folder. */
    static ProcessSource packaged() {
        try {
            List<File> files = new ArrayList<>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/**")) {
                String url = resource.getURL().toString();
                if (!deployable(url)) {
                    continue;
                }
                try (InputStream in = resource.getInputStream()) {
                    files.add(new File(url.substring(url.lastIndexOf("/processes/") + "/processes/".length()),
                            in.readAllBytes()));
                }
            }
            files.sort(Comparator.comparing(File::path));
            return new ProcessSource("the processes packaged in the jar", files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged processes", e);
        }
    }

    private static boolean deployable(String name) {
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}
