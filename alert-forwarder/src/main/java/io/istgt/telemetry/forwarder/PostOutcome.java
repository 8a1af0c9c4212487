package io.istgt.telemetry.forwarder;

/**
 * What one {@code POST /api/v2/alerts} came to. A refusal is about the alerts (sending them again is refused
 * again: split the batch and drop the bad ones); a failure is about the way there (send the same again later).
 */
sealed interface PostOutcome {

    /** 2xx: Alertmanager holds the alerts. */
    record Accepted() implements PostOutcome {
    }

    /**
     * 400 or 422: Alertmanager will not take (some of) these alerts: a label or a time it rejects. Alertmanager 0.25
     * answers 400 for a batch holding one invalid alert after storing the valid ones, and 422 for a batch whose
     * JSON breaks its schema, storing none.
     */
    record Refused(int status, String reason) implements PostOutcome {
    }

    /** Not reached, timed out, 5xx, or an authentication or authorization refusal: retried with back-off. */
    record Failed(String reason) implements PostOutcome {
    }
}
