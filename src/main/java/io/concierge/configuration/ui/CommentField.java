package io.concierge.configuration.ui;

import com.vaadin.flow.component.textfield.TextArea;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.shared.InvalidValueException;

/** The "why" every save and restore needs: required, as long as the store accepts, refusals shown on it. */
class CommentField extends TextArea {

    CommentField(String label) {
        super(label);
        setWidthFull();
        setRequired(true);
        setMaxLength(ConfigurationStore.MAX_COMMENT);
    }

    /** False (and says so on the field) when nothing was typed, so nothing is sent to the store. */
    boolean given() {
        if (getValue().isBlank()) {
            refuse("A short comment saying why is required.");
            return false;
        }
        return true;
    }

    /** Shows the store's refusal on the field when it is about the comment; false for any other refusal. */
    boolean takes(InvalidValueException refusal) {
        if (!"comment".equals(refusal.field())) {
            return false;
        }
        refuse(refusal.getMessage());
        return true;
    }

    private void refuse(String message) {
        setErrorMessage(message);
        setInvalid(true);
    }
}
