package io.concierge.security.web;

import io.concierge.security.ConsoleUserService;
import io.concierge.security.ConsoleUserSummary;
import io.concierge.security.Role;
import io.concierge.security.TenantAccess;
import io.concierge.shared.NotFoundException;
import io.concierge.shared.web.ApiController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Console users, for operators: list, create an operator or auditor (partner admins are invited with their tenant),
 * deactivate (their sessions and API tokens end), activate, reset a password. Passwords are shown once.
 */
@ApiController
@RequestMapping(ApiController.BASE + "/users")
@Tag(name = "Console users")
class ConsoleUserApiController {

    private final ConsoleUserService users;
    private final TenantAccess access;

    ConsoleUserApiController(ConsoleUserService users, TenantAccess access) {
        this.users = users;
        this.access = access;
    }

    record User(String username, Role role, String tenant, boolean active, boolean signInPaused, Instant lastLoginAt,
                Instant createdAt, String managedBy, boolean secondFactor) {
        static User of(ConsoleUserSummary u) {
            return new User(u.username(), u.role(), u.tenantSlug(), u.active(), u.locked(), u.lastLoginAt(),
                    u.createdAt(), u.managedBy(), u.secondFactor());
        }
    }

    record NewUser(String username, Role role) {
    }

    /** The generated password, shown once: the first sign-in replaces it. */
    record Password(String username, String oneTimePassword) {
    }

    @GetMapping
    @Operation(summary = "List console users", description = "Operators.")
    List<User> list() {
        access.requireOperator("list console users");
        return users.list().stream().map(User::of).toList();
    }

    @GetMapping("/{username}")
    @Operation(summary = "Read a console user", description = "Operators.")
    User get(@PathVariable String username) {
        access.requireOperator("read a console user");
        return users.list().stream().filter(u -> u.username().equals(username)).findFirst().map(User::of)
                .orElseThrow(() -> new NotFoundException("No console user '" + username + "'."));
    }

    @PostMapping
    @Operation(summary = "Create an operator or auditor", description = "Operators. Answers the one-time password. "
            + "Accepts Idempotency-Key.")
    ResponseEntity<Password> create(@RequestBody NewUser user) {
        var password = users.createStaff(user.username() == null ? null : user.username().trim(), user.role());
        return ResponseEntity.created(URI.create(ApiController.BASE + "/users/" + user.username().trim()))
                .body(new Password(user.username().trim(), password));
    }

    @PostMapping("/{username}/deactivate")
    @Operation(summary = "Deactivate a console user", description = "Operators. Ends their sessions and revokes "
            + "their API tokens.")
    User deactivate(@PathVariable String username) {
        get(username);
        users.deactivate(username);
        return get(username);
    }

    @PostMapping("/{username}/activate")
    @Operation(summary = "Activate a console user", description = "Operators. Revoked tokens stay revoked.")
    User activate(@PathVariable String username) {
        get(username);
        users.activate(username);
        return get(username);
    }

    @PostMapping("/{username}/reset-password")
    @Operation(summary = "Reset a password", description = "Operators. Answers the new one-time password.")
    Password resetPassword(@PathVariable String username) {
        get(username);
        return new Password(username, users.resetPassword(username));
    }
}
