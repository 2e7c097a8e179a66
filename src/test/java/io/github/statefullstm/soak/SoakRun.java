package io.github.statefullstm.soak;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyAttributes;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * The soak run ({@code ./mvnw -Psoak test}): every property that generates runs {@code soak.factor} times its tries,
 * each from its own seed drawn from one seed for the whole run, whatever its annotation fixes, so that a bound that
 * holds only for the samples a usual run draws shows up. The run's seed is printed first; giving it back
 * ({@code -Dsoak.seed=...}) replays every property's samples. Registered for every property through
 * {@code META-INF/services}; without {@code soak.factor} it changes nothing.
 */
public class SoakRun implements AroundPropertyHook {

    /** The system property that turns the soak on: the factor by which every property's tries are multiplied. */
    public static final String FACTOR = "soak.factor";
    /** The system property that replays a soak run: its seed, as printed. */
    public static final String SEED = "soak.seed";
    /** jqwik's own default, for a property that names no tries when the configuration names none either. */
    private static final int JQWIK_DEFAULT_TRIES = 1000;
    /** The configuration key of the tries of a property that names none; the build sets it in the file below. */
    private static final String DEFAULT_TRIES_KEY = "jqwik.tries.default";
    private static final String PLATFORM_CONFIGURATION = "junit-platform.properties";

    /** One seed for the whole run, made (and printed) when the first property starts. */
    private static final class RunSeed {
        static final long VALUE = chosen();

        private static long chosen() {
            String given = System.getProperty(SEED, "");
            long seed = given.isBlank() ? new SecureRandom().nextLong() : Long.parseLong(given.trim());
            // Each test JVM of the build draws its own seed; a property's samples depend only on the seed and its
            // name, so the seed of the JVM that ran a failing property replays it in whichever JVM runs it next.
            System.out.println("Soak run in " + System.getProperty("spec.status.run", "this JVM") + ": every property "
                    + Integer.getInteger(FACTOR, 1) + " times its tries; replay with -D" + SEED + "=" + seed);
            return seed;
        }
    }

    /**
     * The tries of a property that names none, as the JUnit Platform resolves the setting: a system property first,
     * then the classpath's {@value #PLATFORM_CONFIGURATION}, then jqwik's own default.
     */
    private static final class DefaultTries {
        static final int VALUE = configured();

        private static int configured() {
            String given = System.getProperty(DEFAULT_TRIES_KEY);
            if (given == null) {
                Properties file = new Properties();
                try (InputStream in = SoakRun.class.getClassLoader().getResourceAsStream(PLATFORM_CONFIGURATION)) {
                    if (in != null) {
                        file.load(in);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                given = file.getProperty(DEFAULT_TRIES_KEY);
            }
            return given == null ? JQWIK_DEFAULT_TRIES : Integer.parseInt(given.trim());
        }
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public boolean appliesTo(Optional<AnnotatedElement> element) {
        return element.map(e -> e instanceof Method).orElse(false);
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        int factor = Integer.getInteger(FACTOR, 1);
        if (factor > 1 && generates(context.targetMethod())) {
            PropertyAttributes attributes = context.attributes();
            attributes.setTries(attributes.tries().orElse(DefaultTries.VALUE) * factor);
            attributes.setSeed(Long.toString(seedOf(context)));
            attributes.setAfterFailure(AfterFailureMode.RANDOM_SEED);
            // With ten times the tries, jqwik's AUTO mode would enumerate every combination of a generator whose
            // count now fits (a filtered one can take hours): the soak draws at random unless a property enumerates.
            if (attributes.generation().orElse(GenerationMode.AUTO) == GenerationMode.AUTO) {
                attributes.setGeneration(GenerationMode.RANDOMIZED);
            }
        }
        return property.execute();
    }

    /** This property's seed in this run: the run's seed mixed with the property's unique name. */
    private static long seedOf(PropertyLifecycleContext context) {
        String name = context.containerClass().getName() + "#" + context.targetMethod().getName();
        return new SplittableRandom(RunSeed.VALUE ^ (long) name.hashCode() * 0x9E3779B97F4A7C15L).nextLong();
    }

    /** Examples and properties without generated parameters run once: more tries would only repeat them. */
    private static boolean generates(Method method) {
        return Arrays.stream(method.getParameters()).anyMatch(SoakRun::generated);
    }

    private static boolean generated(Parameter parameter) {
        return parameter.isAnnotationPresent(ForAll.class);
    }
}
