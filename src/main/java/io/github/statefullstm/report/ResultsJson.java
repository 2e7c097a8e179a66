package io.github.statefullstm.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.statefullstm.experiment.EpochRecord;
import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.LayoutSpec;
import io.github.statefullstm.experiment.ModelSpec;
import io.github.statefullstm.experiment.PostRun;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.experiment.Sweep;
import io.github.statefullstm.experiment.TaskSpec;
import io.github.statefullstm.sequence.InformationCeiling;
import io.github.statefullstm.training.Score;
import java.util.List;

/**
 * {@code results.json}: every figure of the report and every point of its charts. The layout is documented in
 * {@code results.schema.json} (JSON Schema), which the report writes beside it. A figure that does not exist (the
 * post shows none for E) is {@code null}, since JSON has no NaN.
 */
final class ResultsJson {

    /** Names this layout; bump it when a field changes meaning. */
    static final String SCHEMA = "stateful-lstm-kata/results/1";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    static String render(RunReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("command", report.command());
        root.put("seconds", report.seconds());
        ObjectNode environment = root.putObject("environment");
        environment.put("java", report.environment().java());
        environment.put("os", report.environment().os());
        environment.put("cores", report.environment().cores());
        environment.put("dl4j", report.environment().dl4jVersion());
        ArrayNode experiments = root.putArray("experiments");
        for (ExperimentResult result : report.experiments()) {
            experiments.add(experiment(result));
        }
        ArrayNode sweeps = root.putArray("sweeps");
        for (Sweep sweep : report.sweeps()) {
            ObjectNode node = sweeps.addObject();
            node.put("id", sweep.id());
            node.put("title", sweep.title());
            node.put("parameter", sweep.parameter());
            ArrayNode points = node.putArray("points");
            for (Sweep.Point point : sweep.points()) {
                ObjectNode p = points.addObject();
                p.put("value", point.value());
                p.put("trainingCeiling", point.trainingCeiling());
                p.put("validationCeiling", point.validationCeiling());
                p.put("trainingAccuracy", point.trainingAccuracy());
                p.put("validationAccuracy", point.validationAccuracy());
                p.put("seconds", point.seconds());
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    private static ObjectNode experiment(ExperimentResult result) {
        Protocol protocol = result.protocol();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", protocol.id());
        node.put("title", protocol.title());
        node.put("engine", result.engine());
        PostRun post = protocol.post();
        // A protocol the post never ran quotes nothing of it.
        node.put("postFigure", post == null ? "" : post.figure());
        List<String> differencesFromThePost = protocol.differencesFromThePost();
        node.put("comparableToThePost", differencesFromThePost.isEmpty());
        differencesFromThePost.forEach(node.putArray("differencesFromThePost")::add);
        putNumberOrNull(node, "postValidationAccuracy", post == null ? Double.NaN : post.validationAccuracy());
        ObjectNode settings = node.putObject("settings");
        TaskSpec task = protocol.task();
        settings.put("sequences", task.sequences());
        settings.put("shortest", task.shortest());
        settings.put("length", task.length());
        settings.put("trainingSequences", task.trainingSequences());
        settings.put("fractionOfOnes", task.fraction());
        settings.put("seed", task.seed());
        LayoutSpec layout = protocol.layout();
        settings.put("layout", layout.kind().name());
        settings.put("window", layout.window());
        settings.put("stride", layout.stride());
        settings.put("batchSize", layout.batchSize());
        // only where a run sets one, so that the runs answering at each sample's last step read as they always did
        layout.targetPeriod().ifPresent(period -> settings.put("targetPeriod", period));
        ModelSpec model = protocol.model();
        settings.put("units", model.lstm().units());
        settings.put("cell", model.lstm().cell().id());
        settings.put("layers", model.lstm().layers());
        settings.put("gateActivation", model.lstm().gateActivation().name());
        settings.put("learningRate", model.adam().learningRate());
        settings.put("epochs", protocol.epochs());
        ObjectNode ceiling = node.putObject("ceiling");
        ceiling.set("training", ceiling(result.trainingCeiling()));
        ceiling.set("validation", ceiling(result.validationCeiling()));
        ArrayNode epochs = node.putArray("epochs");
        for (EpochRecord epoch : result.epochs()) {
            ObjectNode e = epochs.addObject();
            e.put("epoch", epoch.epoch());
            e.set("onTheFly", score(epoch.onTheFly()));
            e.set("training", score(epoch.training()));
            e.set("validation", score(epoch.validation()));
            e.put("trainingSeconds", epoch.seconds());
            if (epoch.kerasValidation() != null) {
                e.set("kerasValidation", score(epoch.kerasValidation()));
            }
        }
        node.put("seconds", result.seconds());
        node.put("complete", result.complete());
        if (result.kerasEvaluation() != null) {
            node.set("kerasEvaluation", score(result.kerasEvaluation()));
        }
        return node;
    }

    private static ObjectNode ceiling(InformationCeiling.Ceiling ceiling) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("reachable", ceiling.reachable());
        node.put("samples", ceiling.samples());
        node.put("value", ceiling.value());
        return node;
    }

    private static ObjectNode score(Score score) {
        ObjectNode node = MAPPER.createObjectNode();
        putNumberOrNull(node, "loss", score.loss());
        node.put("accuracy", score.accuracy());
        node.put("samples", score.samples());
        return node;
    }

    private static void putNumberOrNull(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
