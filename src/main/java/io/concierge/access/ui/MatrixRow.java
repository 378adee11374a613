package io.concierge.access.ui;

import java.util.List;

/**
 * One row of the matrix grid: a single scope, a resource group, or every (matching) scope. Group and
 * "all" rows hold the scopes they toggle, so a role can be granted a whole group with one click.
 */
record MatrixRow(Kind kind, String label, String description, List<String> scopes) {

    enum Kind { ALL, GROUP, SCOPE }

    MatrixRow {
        scopes = List.copyOf(scopes);
    }
}
