package io.concierge.access.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.data.renderer.LitRenderer;
import io.concierge.access.AccessMatrix;
import io.concierge.access.Permission;
import io.concierge.access.PermissionCatalog;
import io.concierge.access.RoleGrant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 50 roles × 300 scopes: the grid is built from 51 column renderers, not 15,000 components, and works.
 * The time is logged for a rough look, never asserted (the machine is shared).
 */
class MatrixGridScaleTests {

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_matrix_of_50_roles_and_300_scopes_builds_renders_and_toggles() {
        var scopes = new ArrayList<Permission>();
        for (int g = 0; g < 30; g++) {
            for (int a = 0; a < 10; a++) {
                scopes.add(new Permission("res" + letter(g) + ":act" + letter(a), "res" + letter(g),
                        "Action " + a + " on resource " + g));
            }
        }
        var catalog = new PermissionCatalog("test", scopes);
        var roles = new ArrayList<RoleGrant>();
        for (int r = 0; r < 50; r++) {
            var granted = new ArrayList<String>();
            for (int s = r % 3; s < 300; s += 3) {
                granted.add(scopes.get(s).scope());
            }
            roles.add(new RoleGrant("role" + r, "Role " + r, granted));
        }

        long start = System.nanoTime();
        var grid = new MatrixGrid(catalog, m -> { });
        grid.setEditable(true);
        grid.setMatrix(new AccessMatrix("test", roles));
        UI.getCurrent().add(grid);
        // what the data communicator generates for a first page of 50 rows: every cell's properties
        var firstPage = new ArrayList<Object>();
        for (var row : GridKt._fetch(grid, 0, 50)) {
            for (var column : grid.getColumns()) {
                var renderer = (LitRenderer<MatrixRow>) column.getRenderer();
                renderer.getValueProviders().values().forEach(p -> firstPage.add(p.apply(row)));
            }
        }
        long built = System.nanoTime();
        MatrixCells.click(grid, "All scopes", "role7");
        long toggled = System.nanoTime();
        LoggerFactory.getLogger(getClass()).info("50x300 matrix: built and rendered 50 rows in {} ms, whole-role toggle in {} ms",
                (built - start) / 1_000_000, (toggled - built) / 1_000_000);

        assertThat(grid.getColumns()).hasSize(51);
        assertThat(GridKt._size(grid)).isEqualTo(1 + 30 + 300);
        assertThat(firstPage).hasSize(50 * (3 + 50 * 3));
        assertThat(grid.matrix().role("role7").orElseThrow().scopes()).hasSize(300);
        assertThat(grid.matrix().role("role8").orElseThrow().scopes()).hasSize(100);
        assertThat(MatrixCells.checked(grid, "resb:actc", "role7")).isTrue();
        assertThat(MatrixCells.partly(grid, "All scopes", "role8")).isTrue();
        MatrixCells.click(grid, "resb (all 10)", "role7");
        assertThat(grid.matrix().role("role7").orElseThrow().scopes()).hasSize(290);
    }

    private static String letter(int i) {
        return String.valueOf((char) ('a' + i % 26)) + (i >= 26 ? "z" : "");
    }
}
