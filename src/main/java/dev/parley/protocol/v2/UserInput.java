package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.parley.protocol.Defaulted;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** User input of a turn. Parley accepts only the {@code text} variant. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = UserInput.Text.class, name = "text")})
public sealed interface UserInput {

    /** Plain text; {@code text_elements} is echoed verbatim and otherwise not interpreted. */
    @JsonTypeName("text")
    record Text(String text, @JsonProperty("text_elements") @Defaulted List<JsonNode> textElements)
            implements UserInput {

        public Text {
            textElements = textElements == null ? List.of() : List.copyOf(textElements);
        }

        public Text(String text) {
            this(text, List.of());
        }
    }
}
