package io.github.statefullstm.report;

import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.Sweep;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a run's report into a folder: {@code README.md}, {@code results.json}, {@code results.schema.json} and
 * {@code charts/} (SVG to read, PNG to embed anywhere). Each file is written whole or not at all.
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
        for (ExperimentResult result : report.experiments()) {
            writeChart(Charts.learningCurves(result), charts.resolve(MarkdownReport.chartName(result)));
        }
        if (!report.experiments().isEmpty()) {
            writeChart(Charts.overview(report.experiments()), charts.resolve("overview"));
        }
        for (Sweep sweep : report.sweeps()) {
            writeChart(Charts.sweep(sweep), charts.resolve(sweep.id()));
        }
        ReportFiles.writeString(folder.resolve("results.json"), ResultsJson.render(report));
        ReportFiles.write(folder.resolve("results.schema.json"), out -> {
            try (InputStream schema = ReportWriter.class.getResourceAsStream("/results.schema.json")) {
                schema.transferTo(out);
            }
        });
        ReportFiles.writeString(folder.resolve("README.md"), MarkdownReport.render(report, CHARTS));
    }

    /** The summary table alone, for the project's front page. */
    public static String summaryTable(RunReport report) {
        return MarkdownReport.table(report);
    }

    private static void writeChart(Chart<?, ?> chart, Path withoutExtension) throws IOException {
        String name = withoutExtension.getFileName().toString();
        ReportFiles.write(withoutExtension.resolveSibling(name + ".svg"),
                out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        ReportFiles.write(withoutExtension.resolveSibling(name + ".png"),
                out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
