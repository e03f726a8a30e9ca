package org.watchfloor.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of a verb: options as {@code --name value} or {@code --name=value}, and the words that are not
 * options. Spring properties ({@code --spring.datasource.url=...}) configure the context, not the verb, so they are
 * skipped here; any other unknown option is an error, because a mistyped option silently ignored gives a wrong run.
 */
public final class Options {

    private final Map<String, String> values;
    private final List<String> words;

    private Options(Map<String, String> values, List<String> words) {
        this.values = values;
        this.words = words;
    }

    /** @throws IllegalArgumentException for an unknown option or an option without its value */
    public static Options parse(List<String> args, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                words.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = arg.substring(2, equals < 0 ? arg.length() : equals);
            if (name.contains(".") && equals > 0) {
                continue;
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            if (equals > 0) {
                values.put(name, arg.substring(equals + 1));
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                values.put(name, args.get(++i));
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return new Options(values, List.copyOf(words));
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** @throws IllegalArgumentException when the value is not a whole number of at least {@code min} */
    public long number(String name, long fallback, long min) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.replace("_", ""));
            if (value < min) {
                throw new IllegalArgumentException("--" + name + " must be at least " + min);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is not a whole number: " + text);
        }
    }

    /** The arguments that are not options, in their order. */
    public List<String> words() {
        return words;
    }
}
