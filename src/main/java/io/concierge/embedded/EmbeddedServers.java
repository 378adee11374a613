package io.concierge.embedded;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

import java.util.HashMap;

/**
 * Starts a real PostgreSQL and a real Redis from Maven-served binaries when
 * {@code concierge.embedded.enabled=true} and no server is configured, and points Spring's standard
 * properties at them. A configured {@code spring.datasource.url} or {@code spring.data.redis.url}/{@code host}/
 * {@code cluster.nodes} always wins. One pair of servers serves the whole JVM (test contexts share it).
 * <p>
 * The binaries are in the development build only (the production jar leaves them out, see the pom), so this
 * class names none of their types: {@link EmbeddedProcesses} does, and is loaded only when they are present.
 * The servers stop after the application: through Spring Boot's shutdown handlers, which run once every
 * context has closed, so no pool is still talking to a database that is going away.
 */
public class EmbeddedServers implements EnvironmentPostProcessor {

    static final String POSTGRES_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";
    static final String REDIS_CLASS = "redis.embedded.RedisServer";

    private final Log log;

    public EmbeddedServers(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedServers.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("concierge.embedded.enabled", Boolean.class, false)) {
            return;
        }
        var dataDir = env.getProperty("concierge.embedded.data-dir", "");
        var properties = new HashMap<String, Object>();
        if (isBlank(env.getProperty("spring.datasource.url"))) {
            require(POSTGRES_CLASS, "spring.datasource.url");
            properties.putAll(EmbeddedProcesses.postgres(dataDir, log));
        }
        if (isBlank(env.getProperty("spring.data.redis.url")) && isBlank(env.getProperty("spring.data.redis.host"))
                && isBlank(env.getProperty("spring.data.redis.cluster.nodes"))) {
            require(REDIS_CLASS, "spring.data.redis.host");
            properties.putAll(EmbeddedProcesses.redis(dataDir, log));
        }
        if (!properties.isEmpty()) {
            env.getPropertySources().addFirst(new MapPropertySource("concierge-embedded-servers", properties));
        }
    }

    private static void require(String className, String property) {
        if (!ClassUtils.isPresent(className, EmbeddedServers.class.getClassLoader())) {
            throw new IllegalStateException("concierge.embedded.enabled is true but this build carries no embedded "
                    + "servers (a production jar): set " + property + " to the server to use");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
