package io.github.statefullstm.report;

import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.Sweep;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a run's report into a folder: {@code README.md}, {@code results.json}, {@code results.schema.json} and
 * {@code charts/} (SVG to read, PNG to embed anywhere). Each file is written whole or not at all, and the charts
 * folder ends up holding this run's charts only.
 */
public final class ReportWriter {

    static final String CHARTS = "charts";

    private ReportWriter() {
    }

    public static void write(RunReport report, Path folder) throws IOException {
        // Charts are drawn with AWT; a server or CI has no display.
        System.setProperty("java.awt.headless", "true");
        // ImageIO caches PNG output in a temporary file whose clean-up is a JVM shutdown hook; after Ctrl-C the JVM
        // is already shutting down, registering the hook fails, and the report of the finished experiments would be
        // lost. An in-memory cache needs no hook.
        javax.imageio.ImageIO.setUseCache(false);
        Path charts = folder.resolve(CHARTS);
        Set<Path> writtenNames = new HashSet<>();
        for (ExperimentResult result : report.experiments()) {
            Path chart = charts.resolve(MarkdownReport.chartName(result));
            writtenNames.addAll(writeChart(Charts.learningCurves(result), chart));
        }
        if (!report.experiments().isEmpty()) {
            Path chart = charts.resolve(MarkdownReport.OVERVIEW);
            writtenNames.addAll(writeChart(Charts.overview(report.experiments()), chart));
        }
        for (Sweep sweep : report.sweeps()) {
            writtenNames.addAll(writeChart(Charts.sweep(sweep), charts.resolve(sweep.id())));
        }
        ReportFiles.writeString(folder.resolve("results.json"), ResultsJson.render(report));
        ReportFiles.write(folder.resolve("results.schema.json"), out -> {
            try (InputStream schema = ReportWriter.class.getResourceAsStream("/results.schema.json")) {
                schema.transferTo(out);
            }
        });
        ReportFiles.writeString(folder.resolve("README.md"), MarkdownReport.render(report, CHARTS));
        removeChartsOtherThan(writtenNames, charts);
    }

    /**
     * Removes the charts an earlier run left that this report does not draw, once its README is in place: beside it
     * they would read as this run's. Removed rather than moved aside, because the README and results.json they
     * belonged to are gone already (figures without their report explain nothing), and in reports/ git keeps them.
     * Only the files the writer itself makes (SVG and PNG, directly in the charts folder) are touched.
     */
    private static void removeChartsOtherThan(Set<Path> writtenNames, Path charts) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(charts, "*.{svg,png}")) {
            for (Path file : files) {
                boolean ours = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
                if (ours && !writtenNames.contains(file.getFileName())) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (NoSuchFileException e) {
            // No charts folder: nothing to remove.
        }
    }

    /**
     * Why the report could not be written to the folder, found before any work by writing and removing a probe file
     * there (and in its charts folder); empty when it can be.
     */
    public static Optional<String> whyNotWritable(Path folder) {
        try {
            for (Path where : List.of(folder, folder.resolve(CHARTS))) {
                Path probe = where.resolve(".write-probe");
                ReportFiles.writeString(probe, "");
                Files.delete(probe);
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(describe(e));
        }
    }

    /**
     * The reason a folder cannot be written, in words, for each kind of failure the probe can meet. Apart from the
     * probe so that every kind can be checked (a process with every permission never meets a denied access), and so
     * that the main job words a folder it cannot take for itself the same way.
     */
    public static String describe(Exception e) {
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " exists and is not a folder";
        }
        if (e instanceof AccessDeniedException denied) {
            return "access to " + denied.getFile() + " is denied";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getFile() + (fs.getReason() == null ? " cannot be written" : ": " + fs.getReason());
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** The closing summary for a terminal: an aligned text table, the run's title last so long ones do not wrap it. */
    public static String summaryTable(RunReport report) {
        return TextSummary.table(report);
    }

    /** Writes the chart as SVG and PNG; returns the two files' names. */
    private static List<Path> writeChart(Chart<?, ?> chart, Path withoutExtension) throws IOException {
        String name = withoutExtension.getFileName().toString();
        Path svg = withoutExtension.resolveSibling(name + ".svg");
        Path png = withoutExtension.resolveSibling(name + ".png");
        ReportFiles.write(svg,
                out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        ReportFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        return List.of(svg.getFileName(), png.getFileName());
    }
}
