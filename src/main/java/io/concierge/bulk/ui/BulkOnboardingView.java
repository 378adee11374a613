package io.concierge.bulk.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.shared.Registration;
import io.concierge.bulk.BulkFileRejectedException;
import io.concierge.bulk.BulkJob;
import io.concierge.bulk.BulkOnboarding;
import io.concierge.bulk.RowError;
import io.concierge.bulk.RowOutcome;
import io.concierge.bulk.RowResult;
import io.concierge.security.Role;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.ui.Notifications;
import io.concierge.shared.ui.Times;
import io.concierge.shared.ui.Viewer;
import jakarta.annotation.security.RolesAllowed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Operators upload a CSV or JSON file of tenants. The whole file is checked first and every error is listed by
 * row and field; only a clean file can start a job, whose rows then report live (server push) as their tenants
 * are created and provisioned. Failed rows can be retried, and the per-row report downloaded.
 */
@Route("bulk-onboarding")
@PageTitle("Bulk onboarding · Concierge")
@Menu(title = "Bulk onboarding", order = 15)
@RolesAllowed(Role.Names.OPERATOR)
class BulkOnboardingView extends VerticalLayout {

    static final int MAX_UPLOAD = 1024 * 1024;
    private static final Duration POLL = Duration.ofSeconds(5);

    private final BulkOnboarding bulk;
    private final Viewer viewer = new Viewer();
    final Upload upload;
    final Paragraph fileSummary = new Paragraph();
    final Grid<RowError> errors = new Grid<>();
    final Button startJob = new Button("Create tenants");
    final Grid<BulkJob> jobs = new Grid<>();
    final H3 jobTitle = new H3();
    final Paragraph jobSummary = new Paragraph();
    final Grid<RowResult> rows = new Grid<>();
    final Button retry = new Button("Retry failed rows");
    final Anchor report = new Anchor();
    private byte[] fileBytes;
    private String fileName;
    private UUID selected;
    private Runnable unsubscribe;
    private Registration polling;
    private boolean showsRunningJob;

    BulkOnboardingView(BulkOnboarding bulk) {
        this.bulk = bulk;
        setSizeFull();
        var intro = new Paragraph("Upload a CSV file whose first line names the columns, or a JSON array of "
                + "objects with the same names: slug, displayName, contactEmail, and optionally firstAdmin (the "
                + "partner's first administrator) and like (the slug of a tenant whose configuration the new one "
                + "starts with). At most 2,000 tenants and 1 MB. The whole file is checked before anything is "
                + "created; a tenant whose slug exists already is reported and left as it is, so a file can be run "
                + "again safely.");
        intro.addClassName("concierge-user");

        var ui = UI.getCurrent();
        upload = new Upload(UploadHandler.inMemory((metadata, bytes) ->
                ui.access(() -> received(metadata.fileName(), bytes))));
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_UPLOAD);
        upload.setAcceptedFileTypes("text/csv", "application/json", ".csv", ".json");
        upload.setUploadButton(new Button("Upload tenants file…"));
        upload.setDropAllowed(false);

        errors.addColumn(e -> e.row() == 0 ? "file" : String.valueOf(e.row())).setHeader("Row").setKey("row")
                .setAutoWidth(true).setFlexGrow(0);
        errors.addColumn(e -> e.field() == null ? "" : e.field()).setHeader("Field").setKey("field")
                .setAutoWidth(true).setFlexGrow(0);
        errors.addColumn(RowError::message).setHeader("Problem").setKey("message").setFlexGrow(1);
        errors.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        errors.addClassName("bulk-errors");
        errors.setAllRowsVisible(true);
        errors.setVisible(false);
        startJob.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        startJob.setVisible(false);
        startJob.addClickListener(e -> start());

        jobs.addColumn(BulkJob::fileName).setHeader("File").setKey("file").setFlexGrow(1);
        jobs.addColumn(BulkJob::createdBy).setHeader("By").setKey("by").setAutoWidth(true);
        jobs.addColumn(j -> Times.format(j.createdAt())).setHeader("Started").setKey("started").setAutoWidth(true);
        jobs.addColumn(BulkOnboardingView::progress).setHeader("Progress").setKey("progress").setFlexGrow(1);
        jobs.addThemeVariants(GridVariant.LUMO_COMPACT);
        jobs.setAllRowsVisible(true);
        jobs.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(j -> select(j.id())));

        rows.addColumn(RowResult::row).setHeader("Row").setKey("row").setAutoWidth(true).setFlexGrow(0);
        rows.addColumn(RowResult::slug).setHeader("Slug").setKey("slug").setAutoWidth(true);
        rows.addColumn(RowResult::displayName).setHeader("Name").setKey("name").setAutoWidth(true);
        rows.addColumn(r -> label(r.outcome())).setHeader("Result").setKey("outcome").setAutoWidth(true);
        rows.addColumn(r -> r.message() == null ? "" : r.message()).setHeader("Details").setKey("message")
                .setFlexGrow(1);
        rows.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        rows.setPartNameGenerator(r -> "bulk-" + r.outcome().name().toLowerCase(Locale.ROOT));
        rows.addClassName("bulk-rows");
        rows.setHeight("24em");
        retry.addClickListener(e -> retry());
        report.setText("Download report (CSV)");
        var jobActions = new HorizontalLayout(retry, report);
        jobActions.setAlignItems(FlexComponent.Alignment.BASELINE);

        fileSummary.addClassName("bulk-file-summary");
        jobSummary.addClassName("bulk-job-summary");
        add(new H2("Bulk onboarding"), intro, upload, fileSummary, errors, startJob, new H3("Jobs"), jobs,
                jobTitle, jobSummary, jobActions, rows);
        refreshJobs();
        showJob();
    }

    /** Checks the whole file; shows every error, or offers to start the job. Nothing is created here. */
    void received(String name, byte[] bytes) {
        upload.clearFileList();
        fileName = name;
        try {
            var problems = bulk.check(name, bytes);
            fileBytes = problems.isEmpty() ? bytes : null;
            showErrors(name, problems);
        } catch (InvalidValueException e) {
            fileBytes = null;
            showErrors(name, List.of(new RowError(0, null, e.getMessage())));
        }
    }

    private void showErrors(String name, List<RowError> problems) {
        errors.setItems(problems);
        errors.setVisible(!problems.isEmpty());
        startJob.setVisible(problems.isEmpty());
        fileSummary.setText(problems.isEmpty() ? name + " is valid. Nothing is created until you press Create tenants."
                : name + ": " + (problems.size() == 1 ? "1 error" : problems.size() + " errors")
                + "; nothing was created. Correct the file and upload it again.");
    }

    private void start() {
        try {
            var id = bulk.start(fileName, fileBytes);
            fileBytes = null;
            startJob.setVisible(false);
            fileSummary.setText("Job started from " + fileName + ".");
            refreshJobs();
            select(id);
        } catch (BulkFileRejectedException e) {
            showErrors(fileName, e.rowErrors());
        } catch (InvalidValueException e) {
            Notifications.error(e.getMessage());
        }
    }

    private void retry() {
        if (selected == null) {
            return;
        }
        var count = bulk.retryFailed(selected);
        Notifications.success(count == 1 ? "1 row is being retried." : count + " rows are being retried.");
        refresh();
    }

    private void select(UUID job) {
        selected = job;
        showJob();
    }

    private void refresh() {
        refreshJobs();
        showJob();
    }

    private void refreshJobs() {
        jobs.setItems(bulk.recent(20));
    }

    private void showJob() {
        var job = selected == null ? null : bulk.job(selected).orElse(null);
        jobTitle.setVisible(job != null);
        jobSummary.setVisible(job != null);
        rows.setVisible(job != null);
        retry.setVisible(job != null);
        report.setVisible(job != null);
        showsRunningJob = false;
        if (job == null) {
            return;
        }
        jobTitle.setText("Job from " + job.fileName());
        jobSummary.setText(progress(job));
        showsRunningJob = !job.finished();
        rows.setItems(bulk.rows(job.id()));
        retry.setEnabled(job.count(RowOutcome.FAILED) > 0);
        var id = job.id();
        report.setHref((DownloadHandler) event -> {
            event.setFileName("bulk-report-" + id + ".csv");
            event.setContentType("text/csv");
            try (var out = event.getOutputStream()) {
                out.write(bulk.report(id).getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    static String progress(BulkJob job) {
        return (job.finished() ? "Finished: " : "Running, " + job.done() + " of " + job.rows() + " done: ")
                + job.count(RowOutcome.CREATED) + " created, " + job.count(RowOutcome.EXISTED) + " existed already, "
                + job.count(RowOutcome.FAILED) + " failed"
                + (job.finished() ? "" : ", " + job.count(RowOutcome.PROVISIONING) + " provisioning") + ".";
    }

    private static String label(RowOutcome outcome) {
        return switch (outcome) {
            case PENDING -> "waiting";
            case PROVISIONING -> "provisioning";
            case CREATED -> "created";
            case EXISTED -> "already existed";
            case FAILED -> "failed";
        };
    }

    @Override
    protected void onAttach(AttachEvent event) {
        var ui = event.getUI();
        unsubscribe = bulk.subscribe(job -> ui.access(() -> viewer.run(this::refresh)));
        // push is only a nudge: should one be lost (a push connection that broke and reconnected), the page still
        // reaches the job's end by asking the database now and then while the job it shows is running
        ui.setPollInterval((int) POLL.toMillis());
        polling = ui.addPollListener(poll -> {
            if (showsRunningJob) {
                viewer.run(this::refresh);
            }
        });
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
        if (polling != null) {
            polling.remove();
            polling = null;
            event.getUI().setPollInterval(-1);
        }
    }
}
