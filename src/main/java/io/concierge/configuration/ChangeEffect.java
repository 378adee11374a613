package io.concierge.configuration;

import java.util.List;

/**
 * What a change does, beyond its diff, for a reviewer deciding whether to let it go live: what it loosens (a role
 * gains a scope, a limit rises), what it tightens, and which sensitive things it touches. Each area says it in its
 * own words ({@link AreaDefinition#effect}); an area with nothing to say answers {@link #NONE}.
 */
public record ChangeEffect(List<String> loosened, List<String> tightened, List<String> sensitive) {

    public static final ChangeEffect NONE = new ChangeEffect(List.of(), List.of(), List.of());

    public ChangeEffect {
        loosened = List.copyOf(loosened);
        tightened = List.copyOf(tightened);
        sensitive = List.copyOf(sensitive);
    }

    public boolean isEmpty() {
        return loosened.isEmpty() && tightened.isEmpty() && sensitive.isEmpty();
    }
}
