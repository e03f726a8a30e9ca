package org.watchfloor.cli;

/**
 * Work a module does in the background after a verb's own work is done (deciding the alerts an import stored, say).
 * A verb's process finishes it before it exits, so nothing the verb started is left for the next start.
 */
public interface PendingWork {

    /** Blocks until the work handed to the background so far is done. */
    void awaitCompletion() throws InterruptedException;
}
