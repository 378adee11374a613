package io.concierge.demo.idp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * With the {@code demo-sso} profile ({@code concierge.demo.sso.enabled=true}), the demo starts its own OIDC
 * provider on {@code concierge.demo.sso.port} (9000) with one user per persona; their password is their name.
 */
@Component
@ConditionalOnProperty(name = "concierge.demo.sso.enabled", havingValue = "true")
class DemoIdentityProvider implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoIdentityProvider.class);

    static final List<IdentityProviderServer.User> USERS = List.of(
            new IdentityProviderServer.User("sso-ops", "sso-ops", "sso-ops@concierge.example", List.of("concierge-operators")),
            new IdentityProviderServer.User("sso-auditor", "sso-auditor", "sso-auditor@concierge.example",
                    List.of("concierge-auditors")),
            new IdentityProviderServer.User("sso-acme", "sso-acme", "sso-acme@acme.example", List.of("acme-admins")),
            new IdentityProviderServer.User("sso-nobody", "sso-nobody", "sso-nobody@concierge.example",
                    List.of("marketing")));

    private final IdentityProviderServer server;

    DemoIdentityProvider(Environment environment) {
        var port = environment.getProperty("concierge.demo.sso.port", Integer.class, 9000);
        var console = environment.getProperty("server.port", Integer.class, 8080);
        var client = new IdentityProviderServer.Client(
                environment.getProperty("concierge.identity.providers.demo.client-id", "concierge-demo"),
                environment.getProperty("concierge.identity.providers.demo.client-secret", "demo-secret"),
                List.of("http://localhost:" + console + "/login/oauth2/code/demo", "http://127.0.0.1/login/oauth2/code/demo"));
        server = IdentityProviderServer.start(new IdentityProviderServer.Settings("localhost", port, USERS, client));
        log.info("Demo identity provider at {}: users sso-ops, sso-auditor, sso-acme, sso-nobody (password = name)",
                server.issuer());
    }

    @Override
    public void destroy() {
        server.close();
    }
}
