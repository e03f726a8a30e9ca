package org.watchfloor.web;

import java.util.List;

/** A page of a listing, in the shape every Watchfloor listing answers. */
public record Page<T>(List<T> content, int page, int size, long totalElements, long totalPages) {

    public static <T> Page<T> of(List<T> content, int page, int size, long total) {
        return new Page<>(content, page, size, total, (total + size - 1) / size);
    }
}
