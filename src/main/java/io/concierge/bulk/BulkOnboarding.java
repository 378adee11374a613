package io.concierge.bulk;

import io.concierge.bulk.internal.BulkFiles;
import io.concierge.bulk.internal.BulkJobEntity;
import io.concierge.bulk.internal.BulkJobRepository;
import io.concierge.bulk.internal.BulkRowEntity;
import io.concierge.bulk.internal.BulkRowRepository;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.CurrentUser;
import io.concierge.security.TenantAccess;
import io.concierge.shared.DisplayText;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.tenant.TenantService;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Bulk onboarding, operators only. A file is validated whole first: every error by row and field, and nothing
 * is created while there is one. A valid file becomes a persisted job whose rows are registered through
 * {@link TenantService#register} (or "like" another tenant) by {@link BulkRunner}, a few at a time; a row whose
 * slug exists already is reported, never created again, so running the same file twice creates nothing new.
 */
@Service
@Transactional(readOnly = true)
public class BulkOnboarding {

    private static final int MAX_NAME = 120;
    private static final int MAX_FILE_NAME = 200;

    private final TenantService tenants;
    private final ConsoleUserService users;
    private final TenantAccess access;
    private final BulkJobRepository jobs;
    private final BulkRowRepository rows;
    private final BulkRunner runner;
    private final BulkProgress progress;
    private final Clock clock;

    BulkOnboarding(TenantService tenants, ConsoleUserService users, TenantAccess access, BulkJobRepository jobs,
                   BulkRowRepository rows, BulkRunner runner, BulkProgress progress, Clock clock) {
        this.tenants = tenants;
        this.users = users;
        this.access = access;
        this.jobs = jobs;
        this.rows = rows;
        this.runner = runner;
        this.progress = progress;
        this.clock = clock;
    }

    /** Every error of the file, by row and field; empty when a job may start from it. Creates nothing. */
    public List<RowError> check(String fileName, byte[] content) {
        access.requireOperator("check a bulk onboarding file");
        return validate(fileName, content).errors();
    }

    /**
     * Starts a job from a valid file and returns its id; the rows are created in the background. Throws
     * BulkFileRejectedException listing every error when there is any, having created nothing.
     */
    @Transactional
    public UUID start(String fileName, byte[] content) {
        access.requireOperator("start a bulk onboarding job");
        var checked = validate(fileName, content);
        if (!checked.errors().isEmpty()) {
            throw new BulkFileRejectedException(checked.errors());
        }
        var name = fileName == null || fileName.isBlank() ? "upload" : fileName.trim();
        name = name.length() > MAX_FILE_NAME ? name.substring(0, MAX_FILE_NAME) : name;
        DisplayText.checkCharacters(BulkFileRejectedException.FIELD, "File name", name);
        var now = clock.instant();
        var id = UUID.randomUUID();
        jobs.save(new BulkJobEntity(id, name, access.actorName(), now, checked.rows().size()));
        rows.saveAll(checked.rows().stream().map(r -> new BulkRowEntity(id, r.row(), r.slug(), r.displayName(),
                r.contactEmail(), r.firstAdmin(), r.like(), now)).toList());
        var actor = access.current().orElseThrow();
        afterCommit(() -> runner.run(id, checked.rows().stream().map(BulkRow::row).toList(), actor));
        return id;
    }

    /** Starts the failed rows of a job again (they were not created, or their provisioning failed); how many. */
    @Transactional
    public int retryFailed(UUID job) {
        access.requireOperator("retry a bulk onboarding job");
        var entity = jobs.findById(job).orElseThrow(() -> new InvalidValueException("job", "No bulk job " + job + "."));
        var failed = rows.findByJobIdAndOutcomeOrderByRowNo(job, RowOutcome.FAILED);
        if (failed.isEmpty()) {
            return 0;
        }
        var now = clock.instant();
        failed.forEach(r -> r.requeue(now));
        entity.reopen();
        CurrentUser actor = access.current().orElseThrow();
        afterCommit(() -> runner.run(job, failed.stream().map(BulkRowEntity::getRowNo).toList(), actor));
        return failed.size();
    }

    public Optional<BulkJob> job(UUID id) {
        access.requireOperator("read bulk onboarding jobs");
        return jobs.findById(id).map(this::toJob);
    }

    /** The latest jobs, newest first. */
    public List<BulkJob> recent(int limit) {
        access.requireOperator("read bulk onboarding jobs");
        return jobs.findAllByOrderByCreatedAtDesc(PageRequest.of(0, Math.min(Math.max(limit, 1), 100))).stream()
                .map(this::toJob).toList();
    }

    /** Every row of the job with its result, in file order. */
    public List<RowResult> rows(UUID job) {
        access.requireOperator("read bulk onboarding jobs");
        return rows.findByJobIdOrderByRowNo(job).stream().map(BulkOnboarding::toResult).toList();
    }

    /**
     * The per-row report as CSV. A cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab
     * or a carriage return) is prefixed with an apostrophe, since row values and messages come from an upload.
     */
    public String report(UUID job) {
        var out = new StringBuilder("row,slug,displayName,contactEmail,firstAdmin,like,outcome,message\r\n");
        for (var r : rows(job)) {
            out.append(r.row()).append(',').append(cell(r.slug())).append(',').append(cell(r.displayName()))
                    .append(',').append(cell(r.contactEmail())).append(',').append(cell(r.firstAdmin()))
                    .append(',').append(cell(r.like())).append(',').append(r.outcome().name().toLowerCase(Locale.ROOT))
                    .append(',').append(cell(r.message())).append("\r\n");
        }
        return out.toString();
    }

    /** Follows every job's progress; see {@link BulkProgress#subscribe}. */
    public Runnable subscribe(Consumer<UUID> listener) {
        return progress.subscribe(listener);
    }

    /** A spreadsheet-safe CSV cell: always quoted, quotes doubled, formula starters neutralised. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        var safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private BulkFiles.Parsed validate(String fileName, byte[] content) {
        var parsed = BulkFiles.parse(fileName, content);
        var errors = new ArrayList<>(parsed.errors());
        var slugRows = new HashMap<String, Integer>();
        var adminRows = new HashMap<String, Integer>();
        var refused = parsed.errors().stream().filter(e -> e.field() == null).map(RowError::row).toList();
        for (var row : parsed.rows()) {
            if (refused.contains(row.row())) {
                continue; // the parser refused the row as a whole (a wrong number of fields)
            }
            var slug = field(errors, row, "slug", () -> new TenantSlug(row.slug() == null ? "" : row.slug()).value());
            field(errors, row, "displayName", () -> DisplayText.name("displayName", "Display name", row.displayName(),
                    MAX_NAME));
            field(errors, row, "contactEmail", () -> EmailAddress.parse("contactEmail", "Contact email",
                    row.contactEmail()));
            var exists = slug != null && tenants.open(slug).isPresent();
            if (slug != null) {
                var earlier = slugRows.putIfAbsent(slug, row.row());
                if (earlier != null) {
                    errors.add(new RowError(row.row(), "slug", "Slug '" + slug + "' is also in row " + earlier + "."));
                }
            }
            if (row.firstAdmin() != null) {
                var admin = field(errors, row, "firstAdmin", () -> {
                    ConsoleUserService.checkUsername(row.firstAdmin());
                    return row.firstAdmin();
                });
                if (admin != null) {
                    var earlier = adminRows.putIfAbsent(admin, row.row());
                    if (earlier != null) {
                        errors.add(new RowError(row.row(), "firstAdmin", "User '" + admin + "' is also in row "
                                + earlier + "."));
                    } else if (!exists && users.exists(admin)) {
                        errors.add(new RowError(row.row(), "firstAdmin", "User '" + admin + "' already exists."));
                    }
                }
            }
            if (row.like() != null) {
                var like = field(errors, row, "like", () -> new TenantSlug(row.like()).value());
                if (like != null && tenants.open(like).isEmpty()) {
                    errors.add(new RowError(row.row(), "like", "No tenant '" + like + "' to copy"
                            + (parsed.rows().stream().anyMatch(r -> like.equals(r.slug()))
                            ? "; it is in this file, so create it in an earlier job." : ".")));
                }
            }
        }
        errors.sort(java.util.Comparator.comparingInt(RowError::row));
        return new BulkFiles.Parsed(parsed.rows(), errors);
    }

    private static <T> T field(List<RowError> errors, BulkRow row, String field, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidValueException e) {
            errors.add(new RowError(row.row(), field, e.getMessage()));
            return null;
        }
    }

    private BulkJob toJob(BulkJobEntity job) {
        var counts = new EnumMap<RowOutcome, Integer>(RowOutcome.class);
        rows.countByOutcome(job.getId()).forEach(r -> counts.put((RowOutcome) r[0], ((Long) r[1]).intValue()));
        return new BulkJob(job.getId(), job.getFileName(), job.getCreatedBy(), job.getCreatedAt(), job.isFinished(),
                job.getFinishedAt(), job.getRowCount(), counts);
    }

    private static RowResult toResult(BulkRowEntity r) {
        Function<java.util.UUID, TenantId> id = u -> u == null ? null : new TenantId(u);
        return new RowResult(r.getRowNo(), r.getSlug(), r.getDisplayName(), r.getContactEmail(), r.getFirstAdmin(),
                r.getLikeSlug(), r.getOutcome(), r.getMessage(), id.apply(r.getTenantId()), r.getAttempts());
    }

    private static void afterCommit(Runnable work) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                work.run();
            }
        });
    }
}
