package io.istgt.telemetry.schemas.serde;

/** The registry refused a schema as incompatible with the subject's earlier versions (HTTP 409): not retriable. */
public class IncompatibleSchemaException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    private final String subject;

    public IncompatibleSchemaException(String subject, String registryMessage) {
        super("schema registry refused the schema for subject " + subject
                + " as incompatible with the subject's compatibility rule: " + registryMessage);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
