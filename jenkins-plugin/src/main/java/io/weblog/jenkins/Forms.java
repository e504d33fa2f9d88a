package io.weblog.jenkins;

import hudson.model.Item;
import hudson.util.FormValidation;
import io.weblog.FieldCheck;
import jenkins.model.Jenkins;

/** What every form method of the plugin does first or last: the permission check, and the engine's words shown. */
final class Forms {
    private Forms() {
    }

    /** Whether the current user may configure the job (or, outside a job, administer Jenkins). */
    static boolean canConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    /** Refuses the request unless the current user may configure the job (or, outside a job, administer Jenkins). */
    static void checkConfigure(Item item) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
    }

    /** The engine's check of a field as the form shows it; the message is escaped. */
    static FormValidation validation(FieldCheck check) {
        return switch (check.level()) {
            case OK -> FormValidation.ok();
            case WARNING -> FormValidation.warning(check.message());
            case ERROR -> FormValidation.error(check.message());
        };
    }
}
