package io.concierge.shared.web;

import io.concierge.shared.InvalidValueException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;

/** The {@code page} and {@code size} query parameters of a paged list (page 0 first, size 1 to 500). */
public final class Paging {

    public static final int MAX_SIZE = 500;

    private Paging() {
    }

    public static Pageable of(int page, int size) {
        if (page < 0) {
            throw new InvalidValueException("page", "The page number starts at 0.");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidValueException("size", "The page size is between 1 and " + MAX_SIZE + ".");
        }
        return PageRequest.of(page, size);
    }
}
