package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An item of a turn: the user's message or an agent message. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ThreadItem.UserMessage.class, name = "userMessage"),
        @JsonSubTypes.Type(value = ThreadItem.AgentMessage.class, name = "agentMessage")})
public sealed interface ThreadItem {

    /** The item id (UUIDv7). */
    String id();

    /** User input; {@code clientId} echoes {@code clientUserMessageId} and is null for delegated input. */
    @JsonTypeName("userMessage")
    record UserMessage(String id, @Nullable String clientId, List<UserInput> content) implements ThreadItem {
        public UserMessage {
            content = List.copyOf(content);
        }
    }

    /** An agent answer; {@code text} is empty in {@code item/started} and complete in {@code item/completed}. */
    @JsonTypeName("agentMessage")
    record AgentMessage(String id, String text) implements ThreadItem {
    }
}
