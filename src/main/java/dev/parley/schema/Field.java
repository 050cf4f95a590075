package dev.parley.schema;

import org.jspecify.annotations.Nullable;

/** One property of an object type, in record component order. */
record Field(String name, TypeRef type, Presence presence, @Nullable String description) {

    /** The three nullability categories of {@code 06} §5. */
    enum Presence {
        /** Always present, never {@code null}. */
        REQUIRED,
        /** {@code @Nullable}: always present on output, may be {@code null}. */
        NULLABLE,
        /** {@code @Defaulted}: never {@code null}, may be left out on input. */
        DEFAULTED,
        /** {@code @Omissible}: never {@code null}, declared optional on input and output alike. */
        OMISSIBLE
    }
}
