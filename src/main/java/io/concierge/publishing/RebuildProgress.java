package io.concierge.publishing;

/** Told after every tenant of a rebuild, from the rebuild's worker threads. */
@FunctionalInterface
public interface RebuildProgress {

    void update(int done, int total, int failed);
}
