package io.concierge.shared.ui;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.Theme;

/** Server push (live provisioning and upgrade progress) and the console's own theme. */
@Push
@Theme("concierge")
public class AppShell implements AppShellConfigurator {
}
