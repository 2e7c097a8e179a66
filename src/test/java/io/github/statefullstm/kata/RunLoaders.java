package io.github.statefullstm.kata;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class loaders that let one JVM run the kata's steps against workspace after workspace. The libraries (JUnit,
 * jqwik, DL4J, ND4J, ...) stay with the JVM's own loader, shared by every run, because ND4J's native libraries load
 * once per JVM; each run gets a loader of its own for the project's classes, the workspace's compiled classes in
 * front, made afresh each time, because a class, once loaded, cannot change.
 */
final class RunLoaders {

    /** The project's classes: these, and only these, each run loads for itself. */
    static final String PROJECT = "io.github.statefullstm.";
    /** ND4J's classes: only a step that needs ND4J may ask for one (KATA-4). */
    private static final String ND4J = "org.nd4j.";

    private final List<Path> projectRoots;

    private RunLoaders(List<Path> projectRoots) {
        this.projectRoots = projectRoots;
    }

    /**
     * The places of the project's classes on a class path: its class folders, or the jar Failsafe runs the main
     * classes from. A jar whose manifest only names more entries (Surefire's and Failsafe's class-path jar) is read
     * for them.
     */
    static RunLoaders of(String classPath) {
        return new RunLoaders(expand(classPath).stream().filter(RunLoaders::holdsProjectClasses).toList());
    }

    private static boolean holdsProjectClasses(Path entry) {
        String folder = PROJECT.replace('.', '/');
        if (Files.isDirectory(entry)) {
            return Files.isDirectory(entry.resolve(folder));
        }
        if (!Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.getEntry(folder) != null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class path entry " + entry, e);
        }
    }

    /** A fresh loader of the project's classes, {@code workspace}'s classes (by binary name) taking their place. */
    WorkspaceLoader forWorkspace(Map<String, byte[]> workspace) {
        return new WorkspaceLoader(workspace, projectRoots, RunLoaders.class.getClassLoader());
    }

    /** The class path entries, each jar's manifest Class-Path expanded in its place. */
    static List<Path> expand(String classPath) {
        Set<Path> entries = new LinkedHashSet<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                addWithManifest(Path.of(entry).toAbsolutePath().normalize(), entries);
            }
        }
        return List.copyOf(entries);
    }

    private static void addWithManifest(Path entry, Set<Path> entries) {
        if (!entries.add(entry) || !Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String named = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (named == null) {
                return;
            }
            for (String relative : named.trim().split("\\s+")) {
                URL resolved = new URL(entry.toUri().toURL(), relative);
                addWithManifest(Path.of(resolved.toURI()).toAbsolutePath().normalize(), entries);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class path entry " + entry, e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("a class path entry of " + entry + " is not a file", e);
        }
    }

    /**
     * One run's loader: the project's classes come from the workspace's compiled classes, or else from the project's
     * class folders, defined here (child first); everything else is the JVM's loader's. It notes which project classes
     * the run needed, and whether the run asked for ND4J.
     */
    static final class WorkspaceLoader extends ClassLoader {

        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> workspace;
        private final List<Path> projectRoots;
        /** Where each class came from, as its protection domain says (the runner finds the test classes by it). */
        private final Map<Path, ProtectionDomain> domains = new ConcurrentHashMap<>();
        private final Set<String> defined = ConcurrentHashMap.newKeySet();
        private volatile boolean askedForNd4j;

        WorkspaceLoader(Map<String, byte[]> workspace, List<Path> projectRoots, ClassLoader parent) {
            super("kata-workspace", parent);
            this.workspace = Map.copyOf(workspace);
            this.projectRoots = projectRoots;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(ND4J)) {
                askedForNd4j = true;
            }
            if (!name.startsWith(PROJECT)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> found = findLoadedClass(name);
                if (found == null) {
                    found = findClass(name);
                }
                if (resolve) {
                    resolveClass(found);
                }
                return found;
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = workspace.get(name);
            Path root = null;
            if (bytes == null) {
                String file = name.replace('.', '/') + ".class";
                for (Path candidate : projectRoots) {
                    bytes = read(candidate, file);
                    if (bytes != null) {
                        root = candidate;
                        break;
                    }
                }
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
            }
            defined.add(name);
            ProtectionDomain domain = root == null ? null : domains.computeIfAbsent(root, this::domainOf);
            return defineClass(name, bytes, 0, bytes.length, domain);
        }

        private ProtectionDomain domainOf(Path folder) {
            try {
                return new ProtectionDomain(new CodeSource(folder.toUri().toURL(), (Certificate[]) null), null, this,
                        null);
            } catch (java.net.MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A class file's bytes from a folder or a jar of the project, or null where it is not. */
        private static byte[] read(Path root, String file) throws ClassNotFoundException {
            try {
                if (Files.isDirectory(root)) {
                    Path path = root.resolve(file);
                    return Files.isRegularFile(path) ? Files.readAllBytes(path) : null;
                }
                try (JarFile jar = new JarFile(root.toFile())) {
                    var entry = jar.getEntry(file);
                    if (entry == null) {
                        return null;
                    }
                    try (InputStream in = jar.getInputStream(entry)) {
                        return in.readAllBytes();
                    }
                }
            } catch (IOException e) {
                throw new ClassNotFoundException(file, e);
            }
        }

        /** Whether the class of this binary name came from the workspace. */
        boolean fromWorkspace(String name) {
            return workspace.containsKey(name);
        }

        /** The project's (and the workspace's) classes this loader has defined so far. */
        Set<String> definedClasses() {
            return Collections.unmodifiableSet(defined);
        }

        /** Whether anything this loader defined asked for a class of ND4J. */
        boolean askedForNd4j() {
            return askedForNd4j;
        }
    }
}
