package dev.parley.protocol;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an integer component as an unsigned wire integer of the given width (16 or 32 bits). The schema
 * export writes it as {@code {"format": "uint<bits>", "minimum": 0.0, "type": "integer"}}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Unsigned {
    /** Width in bits: 16 or 32. */
    int value();
}
