package io.concierge.provisioning.internal;

import io.concierge.shared.SchemaName;
import liquibase.Labels;
import liquibase.change.core.AddColumnChange;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.precondition.core.PreconditionContainer;
import liquibase.precondition.core.TableExistsPrecondition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which changesets the planner leaves to Liquibase, and how Liquibase's SQL becomes a script for any schema. */
class UpgradePlannerTests {

    private final DatabaseChangeLog changeLog = new DatabaseChangeLog("provisioning/changelog-master.xml");

    @Test
    void a_plain_changeset_is_replayable() {
        var plain = changeSet("1.2.0-plain", false, false, null, true);
        plain.addChange(new AddColumnChange());
        assertThat(UpgradePlanner.notReplayable(plain)).isEmpty();
    }

    @Test
    void what_liquibase_decides_per_schema_at_run_time_is_not_replayable() {
        var precondition = changeSet("1.2.0-pre", false, false, null, true);
        var container = new PreconditionContainer();
        container.addNestedPrecondition(new TableExistsPrecondition());
        precondition.setPreconditions(container);
        var labelled = changeSet("1.2.0-labels", false, false, null, true);
        labelled.setLabels(new Labels("eu"));
        var custom = changeSet("1.2.0-custom", false, false, null, true);
        custom.addChange(new CustomChangeWrapper());

        assertThat(UpgradePlanner.notReplayable(precondition)).hasValue("changeset 1.2.0-pre has preconditions");
        assertThat(UpgradePlanner.notReplayable(changeSet("1.2.0-always", true, false, null, true)))
                .hasValue("changeset 1.2.0-always runs always");
        assertThat(UpgradePlanner.notReplayable(changeSet("1.2.0-change", false, true, null, true)))
                .hasValue("changeset 1.2.0-change runs on change");
        assertThat(UpgradePlanner.notReplayable(changeSet("1.2.0-ctx", false, false, "test", true)))
                .hasValue("changeset 1.2.0-ctx has contexts (test)");
        assertThat(UpgradePlanner.notReplayable(labelled)).hasValue("changeset 1.2.0-labels has labels");
        assertThat(UpgradePlanner.notReplayable(changeSet("1.2.0-notx", false, false, null, false)))
                .hasValue("changeset 1.2.0-notx runs outside a transaction");
        assertThat(UpgradePlanner.notReplayable(custom)).hasValue("changeset 1.2.0-custom has a customChange change");
    }

    @Test
    void the_scratch_schema_name_is_left_open_only_where_it_qualifies_a_name() {
        var scratch = new SchemaName("tpl_plan_1_1_0");
        var script = UpgradeScripts.templated("ALTER TABLE tpl_plan_1_1_0.orders ADD notes VARCHAR(500);\n"
                + "CREATE INDEX i ON \"tpl_plan_1_1_0\".orders(notes);", scratch);
        assertThat(script).hasValueSatisfying(s -> assertThat(s)
                .contains("ALTER TABLE {{target}}.orders").contains("ON {{target}}.orders")
                .startsWith("SELECT set_config('search_path', '{{target}}, ' || current_setting('search_path'), true);"));
        assertThat(UpgradeScripts.templated("SELECT 1;", scratch)).isPresent();
        assertThat(UpgradeScripts.templated("COMMENT ON TABLE t IS 'made in tpl_plan_1_1_0';", scratch))
                .as("the name outside a qualified name: the script would not fit another schema").isEmpty();
    }

    private ChangeSet changeSet(String id, boolean always, boolean onChange, String contexts, boolean inTransaction) {
        return new ChangeSet(id, "concierge", always, onChange, "provisioning/releases/1.2.0.xml", contexts, null,
                inTransaction, changeLog);
    }
}
