package org.watchfloor.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

class H2FilesTest {

    @Test
    void theBenchmarksOpenH2WithTheOptionsWatchfloorRunsWith() throws Exception {
        Object configured = new YamlPropertySourceLoader()
                .load("application", new ClassPathResource("application.yml")).get(0)
                .getProperty("spring.datasource.url");

        assertThat(options(H2Files.url(Path.of("data")))).isEqualTo(options(configured.toString()));
    }

    private static String options(String url) {
        return url.substring(url.indexOf(';'));
    }
}
