package io.concierge.access.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.function.SerializableBiConsumer;
import elemental.json.Json;
import elemental.json.JsonArray;

import java.util.Map;

/**
 * Reads and clicks matrix cells as the browser does. A cell is a Lit template filled from per-row properties
 * whose checkbox calls the renderer's server-side "toggle" function; Karibu has no helper for Lit functions,
 * so this calls the registered function directly with the row the browser would send.
 */
final class MatrixCells {

    private MatrixCells() {
    }

    static int rowOf(MatrixGrid grid, String label) {
        var rows = GridKt._fetch(grid, 0, GridKt._size(grid));
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).label().equals(label)) {
                return i;
            }
        }
        throw new AssertionError("no matrix row '" + label + "'");
    }

    /** Whether the cell's checkbox is checked, from the property its Lit template receives. */
    static boolean checked(MatrixGrid grid, String rowLabel, String roleKey) {
        return Boolean.TRUE.equals(property(grid, rowLabel, roleKey, "on"));
    }

    /** Whether the cell shows "some of these" (a group or role partly granted). */
    static boolean partly(MatrixGrid grid, String rowLabel, String roleKey) {
        return Boolean.TRUE.equals(property(grid, rowLabel, roleKey, "some"));
    }

    /** What a read-only cell shows as text. */
    static String shown(MatrixGrid grid, String rowLabel, String roleKey) {
        return GridKt._getFormatted(grid, rowOf(grid, rowLabel), MatrixGrid.columnKey(roleKey));
    }

    @SuppressWarnings("unchecked")
    private static Object property(MatrixGrid grid, String rowLabel, String roleKey, String property) {
        var renderer = (LitRenderer<MatrixRow>) grid.getColumnByKey(MatrixGrid.columnKey(roleKey)).getRenderer();
        return renderer.getValueProviders().get(property).apply(GridKt._get(grid, rowOf(grid, rowLabel)));
    }

    /** Clicks the cell's checkbox: the template's change handler calls the "toggle" function for the row. */
    @SuppressWarnings("unchecked")
    static void click(MatrixGrid grid, String rowLabel, String roleKey) {
        var row = GridKt._get(grid, rowOf(grid, rowLabel));
        var renderer = grid.getColumnByKey(MatrixGrid.columnKey(roleKey)).getRenderer();
        try {
            var field = LitRenderer.class.getDeclaredField("clientCallables");
            field.setAccessible(true);
            var functions = (Map<String, SerializableBiConsumer<MatrixRow, JsonArray>>) field.get(renderer);
            var function = functions.get("toggle");
            if (function == null) {
                throw new AssertionError("cell of " + roleKey + " / " + rowLabel + " is not clickable");
            }
            function.accept(row, Json.createArray());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
