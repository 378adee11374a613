package io.concierge.rules.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.concierge.rules.InvestmentRules;
import io.concierge.shared.InvalidValueException;

import java.math.BigDecimal;
import java.time.LocalTime;

/**
 * Investment rules to and from their stored JSON: amounts as strings ("500.00") so they never pass through a
 * double, times as "09:30", enums by name. Unknown properties are refused, so a typo in an API client's
 * document does not silently drop a rule.
 */
public final class RulesDocuments {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .withConfigOverride(BigDecimal.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
            .withConfigOverride(LocalTime.class, o -> o.setFormat(JsonFormat.Value.forPattern("HH:mm")))
            .build();

    private RulesDocuments() {
    }

    public static String toJson(InvestmentRules rules) {
        try {
            return JSON.writeValueAsString(rules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write investment rules", e);
        }
    }

    public static InvestmentRules fromJson(String json) {
        try {
            return JSON.readValue(json, InvestmentRules.class);
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("Investment rules document cannot be read: " + e.getOriginalMessage());
        }
    }
}
