package org.watchfloor.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs a verb instead of the server when the first argument is not an option. The context is lazy, so a verb
 * builds only what it uses: {@code generate} never opens the database, {@code import} opens the configured one.
 */
public final class CommandLine {

    private static final String EAGER_JOB_REGISTRY = "jobRegistrySmartInitializingSingleton";

    private CommandLine() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("-");
    }

    public static int run(Class<?> application, String[] args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        String verb = args[0];
        List<String> verbArgs = Arrays.asList(args).subList(1, args.length);
        SpringApplication app = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .profiles("cli")
                .lazyInitialization(true)
                // no actuator endpoints: the health endpoint is built eagerly even in a lazy context, and its
                // Camunda contributor would start the process engine and so open the database for every verb
                .properties(Map.of("spring.main.banner-mode", "off",
                        "spring.main.log-startup-info", "false",
                        "camunda.bpm.job-execution.enabled", "false",
                        "management.endpoints.access.default", "none"))
                .initializers(context -> context.addBeanFactoryPostProcessor(CommandLine::withoutEagerJobRegistry))
                .build();
        try (ConfigurableApplicationContext context = app.run(optionsOnly(verbArgs))) {
            Map<String, Command> commands = context.getBeansOfType(Command.class).values().stream()
                    .collect(Collectors.toMap(Command::verb, c -> c));
            Command command = commands.get(verb);
            if (command == null) {
                err.println("Unknown command '" + verb + "'. Commands:");
                commands.values().stream().sorted(Comparator.comparing(Command::verb))
                        .forEach(c -> err.println("  java -jar watchfloor.jar " + c.usage()));
                return 2;
            }
            int exit = command.run(verbArgs, out, err);
            finishPendingWork(context);
            return exit;
        } catch (Exception e) {
            err.println(verb + " failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Spring Batch registers every job once the context is built, and building the report jobs opens the database:
     * every verb would, even {@code rules check} in a CI without one. The report verb hands its jobs over itself.
     */
    private static void withoutEagerJobRegistry(ConfigurableListableBeanFactory beans) {
        if (beans instanceof BeanDefinitionRegistry registry
                && registry.containsBeanDefinition(EAGER_JOB_REGISTRY)) {
            registry.removeBeanDefinition(EAGER_JOB_REGISTRY);
        }
    }

    /** Only the modules the verb woke up (the context is lazy) can have work pending. */
    private static void finishPendingWork(ConfigurableApplicationContext context) throws InterruptedException {
        for (String name : context.getBeanNamesForType(PendingWork.class)) {
            if (context.getBeanFactory().containsSingleton(name)) {
                context.getBean(name, PendingWork.class).awaitCompletion();
            }
        }
    }

    /** Spring options ({@code --spring.datasource.url=...}) given after the verb configure the context too. */
    private static String[] optionsOnly(List<String> args) {
        return args.stream().filter(a -> a.startsWith("--") && a.contains("=") && a.indexOf('.') > 0
                && a.indexOf('.') < a.indexOf('=')).toArray(String[]::new);
    }
}
