package io.concierge.bundles.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import io.concierge.bundles.BundleRejectedException;
import io.concierge.bundles.BundleService;
import io.concierge.security.TenantAccess;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.shared.ui.TenantPanel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The tenant page's "Configuration bundle" card, for whoever may change the tenant's configuration (operators,
 * the tenant's own partner admins): download the whole configuration as one JSON file, or upload a bundle to
 * see what it would change, area by area, before applying it.
 */
@org.springframework.stereotype.Component
class BundlePanel implements TenantPanel {

    static final int MAX_UPLOAD = 2 * 1024 * 1024;

    private final BundleService bundles;
    private final TenantAccess access;

    BundlePanel(BundleService bundles, TenantAccess access) {
        this.bundles = bundles;
        this.access = access;
    }

    @Override
    public int order() {
        return 25;
    }

    @Override
    public Optional<Component> create(TenantId tenant, TenantSlug slug, Runnable tenantChanged) {
        if (!access.canEdit(tenant)) {
            return Optional.empty();
        }
        return Optional.of(new Card(slug.value(), tenantChanged));
    }

    /** One card per page; its problems list shows why an upload was refused, path by path. */
    class Card extends Div {

        final Anchor download;
        final Upload upload;
        final UnorderedList problems = new UnorderedList();
        private final String slug;
        private final Runnable imported;

        Card(String slug, Runnable imported) {
            this.slug = slug;
            this.imported = imported;
            addClassName("concierge-card");
            addClassName("bundle-card");
            setWidthFull();
            var text = new Paragraph("Branding, investment rules, roles and permissions and the approval policies "
                    + "as one JSON file: download "
                    + "it to promote this configuration to another tenant, or upload one to see what it would change "
                    + "here before applying it. Never contains users, passwords or tokens.");
            text.addClassName("concierge-user");
            download = new Anchor(downloadHandler(), "Download bundle (JSON)");
            var ui = UI.getCurrent();
            upload = new Upload(UploadHandler.inMemory((metadata, bytes) -> ui.access(() -> received(bytes))));
            upload.setMaxFiles(1);
            upload.setMaxFileSize(MAX_UPLOAD);
            upload.setAcceptedFileTypes("application/json", ".json");
            upload.setUploadButton(new Button("Import bundle…"));
            upload.setDropAllowed(false);
            var row = new HorizontalLayout(download, upload);
            row.setAlignItems(FlexComponent.Alignment.BASELINE);
            problems.addClassName("bundle-problems");
            add(new H3("Configuration bundle"), text, row, problems);
        }

        private DownloadHandler downloadHandler() {
            return event -> {
                var exported = bundles.export(slug).orElseThrow();
                event.setFileName(exported.fileName());
                event.setContentType("application/json");
                try (var out = event.getOutputStream()) {
                    out.write(exported.json().getBytes(StandardCharsets.UTF_8));
                }
            };
        }

        /** Reads and plans the uploaded bundle; a refused one lists its problems here, nothing is written. */
        void received(byte[] bytes) {
            upload.clearFileList();
            problems.removeAll();
            try {
                var bundle = bundles.read(new String(bytes, StandardCharsets.UTF_8));
                var plan = bundles.plan(slug, bundle).orElseThrow();
                new ImportDialog(bundles, plan, imported).open();
            } catch (BundleRejectedException e) {
                show(e.problems());
            } catch (InvalidValueException e) {
                show(e.errors().stream().map(InvalidValueException.FieldError::message).toList());
            }
        }

        private void show(List<String> messages) {
            problems.add(new ListItem("The bundle was not imported:"));
            messages.forEach(m -> problems.add(new ListItem(m)));
        }
    }
}
