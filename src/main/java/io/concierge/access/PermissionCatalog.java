package io.concierge.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every scope the platform knows, shipped with the console as a versioned file. A role may only hold scopes
 * from here, so a typo never reaches the platform as a permission nobody checks.
 */
public final class PermissionCatalog {

    public static final Pattern SCOPE = Pattern.compile("[a-z][a-z-]*:[a-z][a-z-]*");

    private final String version;
    private final List<Permission> scopes;
    private final Map<String, Permission> byScope;
    private final Set<String> sensitive;

    public PermissionCatalog(String version, List<Permission> scopes) {
        this(version, scopes, Set.of());
    }

    /**
     * @param sensitive the scopes whose grant a reviewer must look at twice (payments, KYC overrides, impersonation,
     *                  ...): a change request's review names every one a change touches
     */
    public PermissionCatalog(String version, List<Permission> scopes, Set<String> sensitive) {
        this.version = version;
        this.sensitive = Set.copyOf(sensitive);
        this.scopes = List.copyOf(scopes);
        this.byScope = this.scopes.stream()
                .collect(Collectors.toMap(Permission::scope, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    public String version() {
        return version;
    }

    /** In catalogue order. */
    public List<Permission> scopes() {
        return scopes;
    }

    public boolean contains(String scope) {
        return byScope.containsKey(scope);
    }

    /** Whether granting or taking away the scope is sensitive (listed under "sensitive" in the catalogue file). */
    public boolean isSensitive(String scope) {
        return sensitive.contains(scope);
    }

    public Set<String> sensitive() {
        return sensitive;
    }

    public Optional<Permission> find(String scope) {
        return Optional.ofNullable(byScope.get(scope));
    }

    /** Scopes by group, groups and scopes in catalogue order. */
    public Map<String, List<Permission>> groups() {
        return scopes.stream().collect(Collectors.groupingBy(Permission::group, LinkedHashMap::new, Collectors.toList()));
    }
}
