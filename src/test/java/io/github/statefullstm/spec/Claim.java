package io.github.statefullstm.spec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the spec claim(s) a test verifies, by their stable IDs in {@code specs/} (for example {@code WIN-1}).
 * A test with this annotation is evidence for those claims; a claim without one is untested.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Claim {
    String[] value();
}
