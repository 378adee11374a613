package io.concierge.security.web;

import io.concierge.security.ApiTokenService;
import io.concierge.security.ApiTokenSummary;
import io.concierge.security.NewApiToken;
import io.concierge.security.Role;
import io.concierge.security.ServiceAccountSummary;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.web.ApiController;
import io.concierge.security.TenantDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The caller's own personal access tokens, and the operators' service accounts with their tokens. A new token's
 * secret is in the answer once and never again.
 */
@ApiController
@Tag(name = "Tokens and service accounts")
class TokenApiController {

    private final ApiTokenService tokens;
    private final TenantDirectory tenants;

    TokenApiController(ApiTokenService tokens, TenantDirectory tenants) {
        this.tokens = tokens;
        this.tenants = tenants;
    }

    record Token(UUID id, String name, String hint, String owner, Instant createdAt, Instant expiresAt,
                 Instant lastUsedAt, String lastUsedAddress, Instant revokedAt, ApiTokenSummary.Status status) {
        static Token of(ApiTokenSummary t) {
            return new Token(t.id(), t.name(), t.hint(), t.owner(), t.createdAt(), t.expiresAt(), t.lastUsedAt(),
                    t.lastUsedAddress(), t.revokedAt(), t.status());
        }
    }

    /** {@code secret}: the token itself, shown only in this answer. */
    record IssuedToken(Token token, String secret) {
        static IssuedToken of(NewApiToken t) {
            return new IssuedToken(Token.of(t.token()), t.secret());
        }
    }

    /** {@code expiresOn}: the last day the token works (UTC), at most a year from today. */
    record NewToken(String name, LocalDate expiresOn) {
    }

    /** {@code overlapHours}: how long the old token goes on working (0 to 168). */
    record Rotation(LocalDate expiresOn, Integer overlapHours) {
    }

    record Account(String name, String description, Role role, String tenant, boolean active, String createdBy,
                   Instant createdAt) {
        static Account of(ServiceAccountSummary a) {
            return new Account(a.name(), a.description(), a.role(), a.tenantSlug(), a.active(), a.createdBy(),
                    a.createdAt());
        }
    }

    /** {@code tenant}: the slug, for a partner admin's account only. */
    record NewAccount(String name, String description, Role role, String tenant) {
    }

    @GetMapping(ApiController.BASE + "/tokens")
    @Operation(summary = "List your personal access tokens")
    List<Token> own() {
        return tokens.ownTokens().stream().map(Token::of).toList();
    }

    @PostMapping(ApiController.BASE + "/tokens")
    @Operation(summary = "Issue a personal access token", description = "It acts as you. The secret is answered once.")
    ResponseEntity<IssuedToken> create(@RequestBody NewToken request) {
        var issued = tokens.createPersonal(request.name(), request.expiresOn());
        return ResponseEntity.created(URI.create(ApiController.BASE + "/tokens/" + issued.token().id()))
                .body(IssuedToken.of(issued));
    }

    @DeleteMapping(ApiController.BASE + "/tokens/{id}")
    @Operation(summary = "Revoke one of your tokens")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable UUID id) {
        tokens.revokeOwn(id);
    }

    @GetMapping(ApiController.BASE + "/service-accounts")
    @Operation(summary = "List service accounts", description = "Operators.")
    List<Account> accounts() {
        return tokens.serviceAccounts().stream().map(Account::of).toList();
    }

    @PostMapping(ApiController.BASE + "/service-accounts")
    @Operation(summary = "Create a service account", description = "Operators. No password, no UI sign-in: it calls "
            + "the API with its tokens. Accepts Idempotency-Key.")
    ResponseEntity<Account> createAccount(@RequestBody NewAccount request) {
        var tenant = request.tenant() == null || request.tenant().isBlank() ? null
                : tenants.bySlug(request.tenant()).orElseThrow(() -> new InvalidValueException("tenant",
                "No tenant '" + request.tenant() + "'."));
        var account = tokens.createServiceAccount(request.name(), request.description(), request.role(),
                tenant == null ? null : tenant.id(), tenant == null ? null : tenant.slug());
        return ResponseEntity.created(URI.create(ApiController.BASE + "/service-accounts/" + account.name()))
                .body(Account.of(account));
    }

    @GetMapping(ApiController.BASE + "/service-accounts/{name}")
    @Operation(summary = "Read a service account", description = "Operators.")
    Account account(@PathVariable String name) {
        return Account.of(tokens.serviceAccount(name));
    }

    @PostMapping(ApiController.BASE + "/service-accounts/{name}/deactivate")
    @Operation(summary = "Deactivate a service account", description = "Operators. Revokes all its tokens.")
    Account deactivate(@PathVariable String name) {
        tokens.deactivateServiceAccount(name);
        return Account.of(tokens.serviceAccount(name));
    }

    @GetMapping(ApiController.BASE + "/service-accounts/{name}/tokens")
    @Operation(summary = "List a service account's tokens", description = "Operators.")
    List<Token> accountTokens(@PathVariable String name) {
        return tokens.serviceTokens(name).stream().map(Token::of).toList();
    }

    @PostMapping(ApiController.BASE + "/service-accounts/{name}/tokens")
    @Operation(summary = "Issue a service account token", description = "Operators. The secret is answered once.")
    ResponseEntity<IssuedToken> issue(@PathVariable String name, @RequestBody NewToken request) {
        var issued = tokens.issueServiceToken(name, request.name(), request.expiresOn());
        return ResponseEntity.created(URI.create(ApiController.BASE + "/service-accounts/" + name + "/tokens/"
                + issued.token().id())).body(IssuedToken.of(issued));
    }

    @PostMapping(ApiController.BASE + "/service-accounts/{name}/tokens/{id}/rotate")
    @Operation(summary = "Rotate a service account token", description = "Operators. Issues its successor; the old "
            + "token works on for `overlapHours`, then expires.")
    ResponseEntity<IssuedToken> rotate(@PathVariable String name, @PathVariable UUID id,
                                       @RequestBody Rotation request) {
        var overlap = Duration.ofHours(request.overlapHours() == null ? 24 : request.overlapHours());
        var issued = tokens.rotateServiceToken(name, id, request.expiresOn(), overlap);
        return ResponseEntity.created(URI.create(ApiController.BASE + "/service-accounts/" + name + "/tokens/"
                + issued.token().id())).body(IssuedToken.of(issued));
    }

    @DeleteMapping(ApiController.BASE + "/service-accounts/{name}/tokens/{id}")
    @Operation(summary = "Revoke a service account token", description = "Operators.")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeAccountToken(@PathVariable String name, @PathVariable UUID id) {
        tokens.revokeServiceToken(name, id);
    }
}
