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
     * Camunda builds a DatatypeFactory for every ISO-8601 duration it reads: each SLA timer and each asynchronous
     * step's retry cycle. Without this property every one of them searches the class path of the jar for a provider,
     * which took a sixth of the time of starting an incident's lifecycle.
     */
    static {
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
            System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY,
                    DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
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
