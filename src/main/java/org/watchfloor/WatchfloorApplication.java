package org.watchfloor;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.watchfloor.cli.CommandLine;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WatchfloorApplication {

    public static void main(String[] args) {
        if (CommandLine.isCommand(args)) {
            System.exit(CommandLine.run(WatchfloorApplication.class, args));
        }
        SpringApplication.run(WatchfloorApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
