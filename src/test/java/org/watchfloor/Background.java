package org.watchfloor;

import org.springframework.context.ApplicationContext;
import org.watchfloor.cli.PendingWork;

/** Waits for what modules do after a commit (correlation deciding stored alerts) before a test looks or cleans. */
public final class Background {

    private Background() {
    }

    public static void finish(ApplicationContext context) {
        try {
            // twice: work one module finishes hands work to the next (a decided alert opens an incident whose
            // lifecycle process starts), whatever order the modules are asked in
            for (int round = 0; round < 2; round++) {
                for (PendingWork work : context.getBeansOfType(PendingWork.class).values()) {
                    work.awaitCompletion();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
