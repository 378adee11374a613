package io.concierge.provisioning;

import io.concierge.provisioning.internal.RunRecorder;
import io.concierge.security.TenantAccess;
import io.concierge.shared.TenantId;
import org.springframework.stereotype.Service;

import java.util.List;

/** The provisioning and upgrade runs of a tenant, for whoever may read that tenant. */
@Service
public class ProvisioningRuns {

    /** The tenant page shows the recent history; older runs stay in the database. */
    static final int SHOWN = 20;

    private final RunRecorder recorder;
    private final TenantAccess access;

    ProvisioningRuns(RunRecorder recorder, TenantAccess access) {
        this.recorder = recorder;
        this.access = access;
    }

    public boolean canRead(TenantId tenant) {
        return access.canRead(tenant);
    }

    /** The tenant's latest runs, newest first, each with its steps. */
    public List<ProvisioningRun> of(TenantId tenant) {
        access.requireRead(tenant, "see the provisioning runs of tenant " + tenant);
        return recorder.runsOf(tenant, SHOWN);
    }
}
