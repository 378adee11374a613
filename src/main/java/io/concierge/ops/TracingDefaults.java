package io.concierge.ops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Tracing is off unless an OTLP endpoint is configured ({@code MANAGEMENT_OTLP_TRACING_ENDPOINT}); then every
 * request is sampled unless {@code management.tracing.sampling.probability} says otherwise. An explicit
 * {@code management.tracing.enabled} always wins.
 */
public class TracingDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.containsProperty("management.tracing.enabled")) {
            return;
        }
        var endpoint = env.getProperty("management.otlp.tracing.endpoint");
        var enabled = endpoint != null && !endpoint.isBlank();
        env.getPropertySources().addLast(new MapPropertySource("concierge-tracing-defaults", Map.of(
                "management.tracing.enabled", enabled,
                "management.tracing.sampling.probability", enabled ? "1.0" : "0.0")));
    }
}
