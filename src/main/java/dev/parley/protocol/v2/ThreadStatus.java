package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** Whether a turn is running on a thread. A realtime conversation does not change it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ThreadStatus.Idle.class, name = "idle"),
        @JsonSubTypes.Type(value = ThreadStatus.Active.class, name = "active")})
public sealed interface ThreadStatus {

    /** The shared idle status. */
    ThreadStatus IDLE = new Idle();

    /** The shared active status (Parley never sets flags). */
    ThreadStatus ACTIVE = new Active(List.of());

    /** No turn runs. */
    @JsonTypeName("idle")
    record Idle() implements ThreadStatus {
    }

    /** A turn runs. */
    @JsonTypeName("active")
    record Active(List<ThreadActiveFlag> activeFlags) implements ThreadStatus {
        public Active {
            activeFlags = List.copyOf(activeFlags);
        }
    }
}
