package io.concierge.changes;

/** What a request changes: an area's content, or the approval policy of an area (a loosening one). */
public enum ChangeKind {
    CONTENT,
    POLICY
}
