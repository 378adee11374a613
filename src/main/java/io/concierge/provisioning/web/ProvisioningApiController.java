package io.concierge.provisioning.web;

import io.concierge.provisioning.FleetUpgradeReport;
import io.concierge.provisioning.FleetUpgrades;
import io.concierge.shared.web.Paging;
import io.concierge.provisioning.ProvisioningRun;
import io.concierge.provisioning.ProvisioningRuns;
import io.concierge.provisioning.RunKind;
import io.concierge.provisioning.RunStatus;
import io.concierge.provisioning.TenantUpgradeResult;
import io.concierge.security.TenantAccess;
import io.concierge.shared.NotFoundException;
import io.concierge.shared.web.ApiController;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A tenant's provisioning runs with their steps, and schema upgrades: the fleet's status, and upgrades of one
 * tenant or all as a job to poll ({@code 202} with its {@code Location}).
 */
@ApiController
@Tag(name = "Provisioning and schema upgrades")
class ProvisioningApiController {

    /** Finished jobs are kept for polling; the oldest go first beyond this many. */
    private static final int KEPT_JOBS = 100;

    private final ProvisioningRuns runs;
    private final FleetUpgrades upgrades;
    private final TenantService tenants;
    private final TenantAccess access;
    private final Clock clock;
    private final Map<UUID, Job> jobs = new LinkedHashMap<>();

    ProvisioningApiController(ProvisioningRuns runs, FleetUpgrades upgrades, TenantService tenants,
                              TenantAccess access, Clock clock) {
        this.runs = runs;
        this.upgrades = upgrades;
        this.tenants = tenants;
        this.access = access;
        this.clock = clock;
    }

    record Step(String name, RunStatus status, Instant startedAt, Instant finishedAt, String detail) {
    }

    record Run(UUID id, RunKind kind, RunStatus status, String fromVersion, String toVersion,
               Integer changesetsApplied, Instant startedAt, Instant finishedAt, String error, List<Step> steps) {
        static Run of(ProvisioningRun r) {
            return new Run(r.id(), r.kind(), r.status(), r.fromVersion(), r.toVersion(), r.changesetsApplied(),
                    r.startedAt(), r.finishedAt(), r.error(), r.steps().stream().map(s -> new Step(s.name(),
                    s.status(), s.startedAt(), s.finishedAt(), s.detail())).toList());
        }
    }

    record Behind(String slug, String changelogVersion) {
    }

    record UpgradeStatus(String latestVersion, long current, long behindCount, List<Behind> behind,
                         boolean upgradeRunning) {
    }

    /** {@code tenant}: the one tenant to upgrade; absent, every tenant that is behind. */
    record UpgradeRequest(String tenant) {
    }

    record Result(String tenant, TenantUpgradeResult.Outcome outcome, String fromVersion, String toVersion,
                  int changesetsApplied, String error) {
    }

    /** {@code state}: RUNNING, FINISHED or FAILED; {@code results} once it finished. */
    record JobResource(UUID id, String tenant, String state, Instant startedAt, String startedBy,
                       String targetVersion, Integer total, List<Result> results, String error) {
    }

    private record Job(UUID id, String tenant, Instant startedAt, String startedBy,
                       CompletableFuture<FleetUpgradeReport> future) {
    }

    @GetMapping(ApiController.BASE + "/tenants/{slug}/provisioning-runs")
    @Operation(summary = "List a tenant's provisioning runs", description = "Newest first, each with its steps.")
    List<Run> runs(@PathVariable String slug) {
        return runs.of(tenant(slug).id()).stream().map(Run::of).toList();
    }

    @GetMapping(ApiController.BASE + "/schema-upgrades")
    @Operation(summary = "Schema status of the fleet", description = "Operators and auditors: the newest release "
            + "and how many tenants are current and behind it, with one page (by slug) of the tenants behind.")
    UpgradeStatus status(@Parameter(description = "from 0") @RequestParam(defaultValue = "0") int page,
                         @Parameter(description = "1 to 500") @RequestParam(defaultValue = "50") int size) {
        var overview = upgrades.overview();
        return new UpgradeStatus(overview.latestVersion(), overview.current(), overview.behind(),
                upgrades.behind(Paging.of(page, size)).stream()
                        .map(t -> new Behind(t.slug().value(), t.changelogVersion())).toList(),
                overview.upgradeRunning());
    }

    @PostMapping(ApiController.BASE + "/schema-upgrades")
    @Operation(summary = "Start a schema upgrade", description = "Operators. One tenant (`tenant`) or every tenant "
            + "behind; answers 202 with the job to poll.")
    ResponseEntity<JobResource> start(@RequestBody(required = false) UpgradeRequest request) {
        var slug = request == null ? null : request.tenant();
        CompletableFuture<FleetUpgradeReport> future;
        if (slug == null || slug.isBlank()) {
            future = upgrades.upgradeAll();
        } else {
            future = upgrades.upgrade(tenant(slug).id());
        }
        var job = new Job(UUID.randomUUID(), slug, clock.instant(), access.actorName(), future);
        synchronized (jobs) {
            jobs.put(job.id(), job);
            var finished = jobs.values().stream().filter(j -> j.future().isDone()).map(Job::id).toList();
            for (var i = 0; jobs.size() > KEPT_JOBS && i < finished.size(); i++) {
                jobs.remove(finished.get(i));
            }
        }
        return ResponseEntity.accepted().location(URI.create(ApiController.BASE + "/schema-upgrades/jobs/" + job.id()))
                .body(resource(job));
    }

    @GetMapping(ApiController.BASE + "/schema-upgrades/jobs/{id}")
    @Operation(summary = "Poll a schema upgrade job")
    JobResource job(@PathVariable UUID id) {
        access.requireReadAll("see schema upgrades");
        Job job;
        synchronized (jobs) {
            job = jobs.get(id);
        }
        if (job == null) {
            throw new NotFoundException("No schema upgrade job " + id + " (jobs are kept by the console that ran "
                    + "them, until it restarts).");
        }
        return resource(job);
    }

    private static JobResource resource(Job job) {
        var future = job.future();
        if (!future.isDone()) {
            return new JobResource(job.id(), job.tenant(), "RUNNING", job.startedAt(), job.startedBy(), null, null,
                    null, null);
        }
        try {
            var report = future.join();
            return new JobResource(job.id(), job.tenant(), report.error() == null ? "FINISHED" : "FAILED",
                    job.startedAt(), job.startedBy(), report.targetVersion(), report.total(), report.results().stream()
                    .map(r -> new Result(r.slug().value(), r.outcome(), r.fromVersion(), r.toVersion(),
                            r.changesetsApplied(), r.error())).toList(), report.error());
        } catch (RuntimeException e) {
            var cause = e.getCause() == null ? e : e.getCause();
            return new JobResource(job.id(), job.tenant(), "FAILED", job.startedAt(), job.startedBy(), null, null,
                    List.of(), cause.getMessage());
        }
    }

    private TenantSummary tenant(String slug) {
        return tenants.lookup(slug).orElseThrow(() -> NotFoundException.tenant(slug));
    }
}
