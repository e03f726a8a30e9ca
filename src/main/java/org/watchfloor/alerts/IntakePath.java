package org.watchfloor.alerts;

/** How a row reached Watchfloor; kept on every alert and every rejected row. */
public enum IntakePath {
    API, FILE, UPLOAD, LOG_ANALYTICS, RESUBMIT
}
