package io.concierge.publishing;

import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.concierge.publishing.PublishingFixtures.roles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * Reads the cache only through redis-cli, following docs/redis-contract.md, the way the platform (or any client in
 * another language) would: no class of this application is used to read.
 */
class RedisCliContractTests extends IntegrationTest {

    private static final Path REDIS_CLI = Path.of("/usr/bin/redis-cli");

    @Autowired
    TenantService tenants;
    @Autowired
    ConfigurationStore store;
    @Autowired
    PublishingService publishing;
    @Autowired
    LettuceConnectionFactory redisFactory;

    @Test
    void a_client_in_another_language_checks_scopes_and_verifies_the_checksum_with_plain_redis_commands()
            throws Exception {
        assumeTrue(Files.isExecutable(REDIS_CLI), "redis-cli is not installed at " + REDIS_CLI);
        signIn(OPERATOR);
        var fixtures = new PublishingFixtures(tenants, store);
        var tenant = fixtures.activeTenant(uniqueSlug("cli"));
        fixtures.save(tenant, ConfigArea.RULES, "{\"maxOrder\":5000}");
        fixtures.saveRoles(tenant, roles("investor", "orders:create portfolio:read", "viewer", "portfolio:read"));
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> publishing.isUpToDate(tenant.id()));
        var t = tenant.slug().value();

        assertThat(cli("GET", "concierge:{" + t + "}:status")).isEqualTo("ACTIVE");
        assertThat(cli("SISMEMBER", "concierge:{" + t + "}:role:investor", "orders:create")).isEqualTo("1");
        assertThat(cli("SISMEMBER", "concierge:{" + t + "}:role:viewer", "orders:create")).isEqualTo("0");
        assertThat(cli("SISMEMBER", "concierge:{" + t + "}:role:hacker", "orders:create")).isEqualTo("0");
        assertThat(cli("HGET", "concierge:{" + t + "}:meta", "contract")).isEqualTo("1");
        assertThat(cli("TYPE", "concierge:{" + t + "}:roles")).isEqualTo("set");
        assertThat(cli("GET", "concierge:{" + t + "}:rules")).isEqualTo("{\"version\":1,\"content\":{\"maxOrder\":5000}}");

        // the checksum recipe of the contract, computed from what redis-cli returns
        var text = new StringBuilder("contract=1\n")
                .append("status=").append(cli("GET", "concierge:{" + t + "}:status")).append('\n')
                .append("branding=").append(cli("GET", "concierge:{" + t + "}:branding")).append('\n')
                .append("rules=").append(cli("GET", "concierge:{" + t + "}:rules")).append('\n');
        for (var role : sorted(cli("SMEMBERS", "concierge:{" + t + "}:roles"))) {
            text.append("role=").append(role).append(':')
                    .append(String.join(",", sorted(cli("SMEMBERS", "concierge:{" + t + "}:role:" + role)))).append('\n');
        }
        var checksum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(cli("HGET", "concierge:{" + t + "}:meta", "checksum")).isEqualTo(checksum);

        // the console's bookkeeping beside them: each role's digest, written by the publication meta records
        assertThat(cli("TYPE", "concierge:{" + t + "}:digests")).isEqualTo("hash");
        assertThat(cli("HGET", "concierge:{" + t + "}:digests", "@sequence"))
                .isEqualTo(cli("HGET", "concierge:{" + t + "}:meta", "sequence"));
        assertThat(cli("HGET", "concierge:{" + t + "}:digests", "investor")).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest("orders:create,portfolio:read".getBytes(StandardCharsets.UTF_8))));
    }

    private static List<String> sorted(String lines) {
        return lines.isEmpty() ? List.of() : lines.lines().sorted().toList();
    }

    /** One redis-cli command in raw mode (values only, one per line; a missing value prints nothing). */
    private String cli(String... command) throws IOException, InterruptedException {
        var args = new ArrayList<>(List.of(REDIS_CLI.toString(), "--raw", "-h", redisFactory.getHostName(),
                "-p", Integer.toString(redisFactory.getPort()), "-n", Integer.toString(redisFactory.getDatabase())));
        args.addAll(List.of(command));
        var process = new ProcessBuilder(args).redirectErrorStream(true).start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.strip();
    }
}
