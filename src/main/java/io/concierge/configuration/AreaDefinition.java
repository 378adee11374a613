package io.concierge.configuration;

import io.concierge.tenant.TenantSummary;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one configuration area is: its content type and stored JSON form, its validation, the label of every
 * field, how a change is told to people, and what a tenant starts from. Each area module registers one as a
 * Spring bean; {@link ConfigurationAreas} does everything else (open, save, restore, history, changes and
 * whether the user may edit now), the same way for every area.
 *
 * @param <T> the area's content, an immutable record
 */
public interface AreaDefinition<T> {

    ConfigArea area();

    /** The content of a stored version; throws InvalidValueException when the JSON is not this area's. */
    T read(String json);

    /** The JSON to store (the store canonicalises it). */
    String write(T content);

    /**
     * The content as it will be stored (trimmed, normalised), or one InvalidValueException naming every
     * offending field (keys of {@link #labels()}) and saying why, all at once (see {@code shared.FieldErrors}).
     */
    T validate(T content);

    /** What a tenant that never saved this area sees; stored only when somebody saves it. */
    T startingPoint(TenantSummary tenant);

    /** Every field key an InvalidValueException may name, with its label as the form shows it, in form order. */
    Map<String, String> labels();

    /**
     * What changes from {@code before} (null: nothing saved yet) to {@code after}, said with labels and
     * formatted values, never JSON paths: "Primary colour #1A4D8F → #0B5E3C".
     */
    List<FieldChange> changes(T before, T after);

    /**
     * What the change does for a reviewer (change requests): what it loosens, tightens and which sensitive things
     * it touches. {@code before} is null when nothing was saved yet.
     */
    default ChangeEffect effect(T before, T after) {
        return ChangeEffect.NONE;
    }

    /**
     * The first version a newly active tenant gets when it was not created from a bundle (see {@link FirstVersions});
     * empty (the default) keeps the area at its starting point until somebody saves it.
     */
    default Optional<T> seed() {
        return Optional.empty();
    }

    /** The comment of the version {@link #seed()} writes. */
    default String seedComment() {
        return "Seeded";
    }

    /** The label of a field key, or the key itself for a field the area does not list. */
    default String label(String field) {
        return labels().getOrDefault(field, field);
    }
}
