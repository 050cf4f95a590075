package dev.parley.schema;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Draft-07 validation of instances against generated schema files, with the non-standard formats ignored. */
final class SchemaValidation {

    // int32, int64, uint16 and uint32 are not draft-07 formats; 06 §6.6 says to ignore unknown formats.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().strict("format", false).build()));

    private SchemaValidation() {
    }

    static Schema load(String schemaJson) {
        return REGISTRY.getSchema(schemaJson, InputFormat.JSON);
    }

    /** The validation errors, empty when {@code instance} is valid. */
    static List<String> errors(Schema schema, JsonNode instance) {
        return schema.validate(instance).stream().map(Object::toString).toList();
    }
}
