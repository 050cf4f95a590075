package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/** How an agent item appears in a Codex V3 conversation; declared for Codex compatibility, never sent by Parley. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ThreadRealtimeBemItemPresentation.WholeItem.class, name = "wholeItem"),
        @JsonSubTypes.Type(value = ThreadRealtimeBemItemPresentation.InlineMarkdown.class, name = "inlineMarkdown"),
        @JsonSubTypes.Type(value = ThreadRealtimeBemItemPresentation.InlineVisualization.class,
                name = "inlineVisualization")})
public sealed interface ThreadRealtimeBemItemPresentation {

    /** The whole item. */
    @JsonTypeName("wholeItem")
    record WholeItem() implements ThreadRealtimeBemItemPresentation {
    }

    /** Inline markdown. */
    @JsonTypeName("inlineMarkdown")
    record InlineMarkdown() implements ThreadRealtimeBemItemPresentation {
    }

    /** One inline visualization. */
    @JsonTypeName("inlineVisualization")
    record InlineVisualization(int index) implements ThreadRealtimeBemItemPresentation {
    }
}
