package io.github.statefullstm.architecture;

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.LocationProvider;
import io.github.statefullstm.cli.Main;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * Where the rules look: the folder or jar the project's own classes were loaded from, and nothing else. Asked for a
 * package instead, ArchUnit opens every entry of the class path to look for it, DL4J's and ND4J's jars with their
 * natives included, which cost seconds in every test JVM and found nothing.
 */
final class TheProjectsOwnClasses implements LocationProvider {

    @Override
    public Set<Location> get(Class<?> testClass) {
        try {
            return Set.of(Location.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the project's classes have no location: " + e.getMessage(), e);
        }
    }
}
