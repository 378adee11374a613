package io.concierge.audit;

import java.time.Instant;

/**
 * A signed statement of the chain's head at a moment: the newest entry's id and hash and how many entries the
 * chain held. Kept outside the database (Redis, the log, downloads), so a superuser who deletes the newest
 * entries, or rewrites the chain, contradicts it. {@code signature} is the HMAC-SHA256, under chain key {@code
 * keyId}, of {@link #signedText()}.
 */
public record AuditCheckpoint(long entryId, long count, String headHash, Instant at, String keyId, String signature) {

    /** What the signature covers, one line, fixed order. */
    public String signedText() {
        return "concierge-audit-checkpoint/1|" + entryId + "|" + count + "|" + headHash + "|" + at + "|" + keyId;
    }
}
