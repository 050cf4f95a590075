package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/** The sandbox a thread runs in; constant read-only without network for Codex clients (Parley executes nothing). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = SandboxPolicy.ReadOnly.class, name = "readOnly")})
public sealed interface SandboxPolicy {

    /** No writes and, as Parley reports it, no network access. */
    @JsonTypeName("readOnly")
    record ReadOnly(boolean networkAccess) implements SandboxPolicy {
    }
}
