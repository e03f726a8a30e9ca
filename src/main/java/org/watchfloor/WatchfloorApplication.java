package org.watchfloor;

import java.time.Clock;
import javax.xml.datatype.DatatypeFactory;
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

    /*
     * H2's object cache looks up every string it reads or binds in a table of recent values, hashing it first: each
     * read of an alert hashed its 3 KB raw row, a thirteenth of the CPU time of a 30,000-alert run, to share strings
     * that repeat only in short columns. Without it H2 keeps what it reads as it reads it.
     */
    private static final String H2_OBJECT_CACHE = "h2.objectCache";

    /*
     * Camunda builds a DatatypeFactory for every ISO-8601 duration it reads: each SLA timer and each asynchronous
     * step's retry cycle. Without this property every one of them searches the class path of the jar for a provider,
     * which took a sixth of the time of starting an incident's lifecycle.
     */
    static {
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
            System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY,
                    DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
        if (System.getProperty(H2_OBJECT_CACHE) == null) {
            System.setProperty(H2_OBJECT_CACHE, "false");
        }
    }

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
