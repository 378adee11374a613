package io.concierge.changes;

/**
 * What became of an operator's change of an approval policy: set at once ({@code request} null), or, because it
 * loosens the policy, waiting for another operator's approval as change request {@code request}.
 */
public record PolicyChange(Long request, String message) {

    public boolean applied() {
        return request == null;
    }
}
