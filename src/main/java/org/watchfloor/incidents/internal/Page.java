package org.watchfloor.incidents.internal;

import java.util.List;

/** A page of a listing, in the shape every Watchfloor listing answers. */
record Page<T>(List<T> content, int page, int size, long totalElements, long totalPages) {

    static <T> Page<T> of(List<T> content, int page, int size, long total) {
        return new Page<>(content, page, size, total, (total + size - 1) / size);
    }
}
