package io.concierge.bulk.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.UploadKt;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.PollEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.upload.Upload;
import io.concierge.bulk.BulkOnboarding;
import io.concierge.security.Actors;
import io.concierge.support.KaribuTest;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operators' bulk onboarding view, server-side: the file's errors by row, then a job's live rows. */
class BulkOnboardingViewTests extends KaribuTest {

    @Autowired
    BulkOnboarding bulk;
    @Autowired
    TenantService tenants;
    @Autowired
    JdbcTemplate jdbc;

    private final String p = "v" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @Test
    void a_file_with_errors_lists_each_by_row_and_field_and_offers_no_job() {
        login(OPERATOR);
        navigate("bulk-onboarding");
        var view = (BulkOnboardingView) currentView();
        upload(view, "slug,displayName,contactEmail",
                p + "_a,A,ops@a.example",
                "X,B,ops@b.example",
                p + "_c,C,nobody");

        assertThat(view.fileSummary.getText()).isEqualTo("t.csv: 2 errors; nothing was created. Correct the file "
                + "and upload it again.");
        assertThat(GridKt._size(view.errors)).isEqualTo(2);
        assertThat(GridKt._getFormattedRow(view.errors, 0)).startsWith("2", "slug");
        assertThat(GridKt._getFormattedRow(view.errors, 1)).startsWith("3", "contactEmail");
        assertThat(view.startJob.isVisible()).isFalse();
        signIn(OPERATOR);
        assertThat(tenants.open(p + "_a")).isEmpty();
    }

    @Test
    void a_valid_file_starts_a_job_whose_rows_report_as_they_finish() {
        login(OPERATOR);
        navigate("bulk-onboarding");
        var view = (BulkOnboardingView) currentView();
        upload(view, "slug,displayName,contactEmail", p + "_one,One,ops@one.example", p + "_two,Two,ops@two.example");
        assertThat(view.startJob.isVisible()).isTrue();
        _click(view.startJob);

        assertThat(view.jobTitle.getText()).isEqualTo("Job from t.csv");
        await().pollInSameThread().atMost(Duration.ofSeconds(120)).until(() -> {
            MockVaadin.clientRoundtrip();
            return view.jobSummary.getText().startsWith("Finished");
        });
        assertThat(view.jobSummary.getText()).isEqualTo("Finished: 2 created, 0 existed already, 0 failed.");
        assertThat(IntStream.range(0, 2).mapToObj(i -> GridKt._getFormattedRow(view.rows, i).get(3)))
                .containsOnly("created");
        assertThat(view.retry.isEnabled()).isFalse();
        assertThat(Actors.callAs(OPERATOR, () -> tenants.open(p + "_two"))).isPresent();
    }

    @Test
    void a_running_job_reaches_its_end_on_the_page_without_a_push() {
        login(OPERATOR);
        navigate("bulk-onboarding");
        var view = (BulkOnboardingView) currentView();
        assertThat(UI.getCurrent().getPollInterval()).as("the page polls while it is open").isEqualTo(5000);
        upload(view, "slug,displayName,contactEmail", p + "_solo,Solo,ops@solo.example");
        _click(view.startJob);
        await().pollInSameThread().atMost(Duration.ofSeconds(120)).until(() -> {
            MockVaadin.clientRoundtrip();
            return view.jobSummary.getText().startsWith("Finished");
        });
        var job = Actors.callAs(OPERATOR, () -> bulk.recent(1)).get(0).id();

        // a page that shows the job still running, and then only the database learns it finished: no nudge at all
        jdbc.update("UPDATE concierge.bulk_job SET status = 'RUNNING', finished_at = NULL WHERE id = ?", job);
        navigate("bulk-onboarding");
        var page = (BulkOnboardingView) currentView();
        GridKt._clickItem(page.jobs, 0);
        assertThat(page.jobSummary.getText()).startsWith("Running, 1 of 1 done");
        jdbc.update("UPDATE concierge.bulk_job SET status = 'FINISHED', finished_at = now() WHERE id = ?", job);
        poll();
        assertThat(page.jobSummary.getText()).isEqualTo("Finished: 1 created, 0 existed already, 0 failed.");

        navigate("audit");
        assertThat(UI.getCurrent().getPollInterval()).as("and stops when it is left").isEqualTo(-1);
    }

    @Test
    void only_operators_open_bulk_onboarding() {
        login(AUDITOR);
        assertRefused("bulk-onboarding");
    }

    private static void poll() {
        var ui = UI.getCurrent();
        ComponentUtil.fireEvent(ui, new PollEvent(ui, true));
    }

    private static void upload(BulkOnboardingView view, String... lines) {
        UploadKt._upload(view.upload, "t.csv", "text/csv",
                (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        _get(Upload.class);
    }
}
