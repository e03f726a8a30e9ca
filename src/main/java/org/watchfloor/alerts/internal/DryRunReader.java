package org.watchfloor.alerts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.AlertReader;
import org.watchfloor.alerts.IntakeResult;
import org.watchfloor.alerts.MalformedIntakeException;
import org.watchfloor.alerts.SecurityAlert;

/** The intake's reading and parsing with nothing stored: the same rows are rejected for the same reasons. */
@Component
class DryRunReader implements AlertReader {

    private final AlertRowReader reader;
    private final SecurityAlertParser parser;

    DryRunReader(AlertRowReader reader, SecurityAlertParser parser) {
        this.reader = reader;
        this.parser = parser;
    }

    @Override
    public Summary read(InputStream json, Consumer<SecurityAlert> alerts) throws IOException {
        long[] counts = new long[2];
        List<IntakeResult.Rejection> rejections = new ArrayList<>();
        try {
            reader.read(json, row -> {
                counts[0]++;
                ParsedRow parsed = parser.parse(row.index(), row.node(), row.raw());
                if (parsed instanceof ParsedRow.Valid valid) {
                    alerts.accept(valid.alert());
                } else if (parsed instanceof ParsedRow.Rejected rejected) {
                    counts[1]++;
                    rejections.add(new IntakeResult.Rejection(rejected.index(), rejected.systemAlertId(),
                            rejected.reason()));
                }
            });
        } catch (AlertRowReader.UnreadableDocumentException e) {
            throw new MalformedIntakeException(e.getMessage(),
                    new IntakeResult(counts[0], 0, 0, 0, counts[1], 0, rejections), e);
        }
        return new Summary(counts[0], counts[1], List.copyOf(rejections));
    }
}
