package io.github.statefullstm.training;

import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.rnn.BatchResult;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.sequence.BatchPlan;
import io.github.statefullstm.sequence.Sample;
import io.github.statefullstm.sequence.StateLineage;
import java.util.List;

/**
 * Feeds a batch plan to a model in order. A stateful plan needs a stateful model of the plan's batch size, so that
 * row i of each batch continues row i of the one before; where the plan's lineage starts a batch afresh, the model's
 * state is reset ({@code resetStates()}), and where it starts one row afresh, that row ({@code resetRow(i)}). Each
 * sample is trained and scored at the steps it answers ({@link AnsweredBatch}); the figures are means over answers.
 */
public final class PlanRunner {

    private PlanRunner() {
    }

    /** One epoch of training: one {@code trainOnBatch} per batch of the plan. */
    public static Score train(LstmModel model, List<Sample> samples, BatchPlan plan, BatchListener listener) {
        return run(model, samples, plan, listener, true, false);
    }

    /**
     * One epoch of Keras' {@code fit()} on a stateful model: as {@link #train}, except that the epoch starts from the
     * state the model carries, not from zeros. Keras never resets a stateful layer inside {@code fit()}: not between
     * epochs, not around its validation pass. The plan's later resets still apply.
     */
    public static Score continueTraining(LstmModel model, List<Sample> samples, BatchPlan plan,
                                         BatchListener listener) {
        return run(model, samples, plan, listener, true, true);
    }

    /**
     * Keras' own test loop, as {@code fit(validation_data=...)} and {@code evaluate()} run it on a stateful model:
     * {@code testOnBatch} over the plan from the state the model carries, leaving the state its last batch left.
     * Unlike {@link #evaluate}, this moves the state, as Keras' test function applies the state updates too.
     */
    public static Score continueEvaluating(LstmModel model, List<Sample> samples, BatchPlan plan) {
        return run(model, samples, plan, BatchListener.SILENT, false, true);
    }

    /**
     * The accuracy of the model as it stands: {@code testOnBatch} over the plan, weights unchanged. A stateful
     * model's carried state is put back afterwards, so evaluating in the middle of training changes nothing.
     */
    public static Score evaluate(LstmModel model, List<Sample> samples, BatchPlan plan) {
        // kata:begin runner
        LstmState carried = model.config().stateful() ? model.states() : null;
        Score score = run(model, samples, plan, BatchListener.SILENT, false, false);
        if (carried != null) {
            model.resetStates(carried);
        }
        return score;
        // kata:end
    }

    /** {@code continuing}: the first batch starts from the carried state even where the plan resets before it. */
    private static Score run(LstmModel model, List<Sample> samples, BatchPlan plan, BatchListener listener,
                             boolean training, boolean continuing) {
        checkFits(model, samples, plan);
        StateLineage lineage = plan.lineage();
        // kata:begin runner
        double lossSum = 0;
        double accuracySum = 0;
        long seen = 0;
        for (int k = 0; k < plan.batches().size(); k++) {
            BatchPlan.Batch batch = plan.batch(k);
            if (!(continuing && k == 0)) {
                resetWhereTheLineageStartsAfresh(model, plan, lineage, k);
            }
            AnsweredBatch answered = AnsweredBatch.of(samples, batch);
            BatchResult result = training ? answered.trainOn(model) : answered.testOn(model);
            lossSum += result.loss() * answered.answers();
            accuracySum += result.accuracy() * answered.answers();
            seen += answered.answers();
            listener.batchDone(k, plan.batches().size(), new Score(lossSum / seen, accuracySum / seen, seen));
        }
        return new Score(lossSum / seen, accuracySum / seen, seen);
        // kata:end
    }

    /**
     * Before batch {@code k} of a stateful plan, resets what the lineage starts from zero: every row at once where it
     * starts the whole batch afresh, a row alone where only that row has no predecessor. A stateless model carries
     * nothing to reset.
     */
    public static void resetWhereTheLineageStartsAfresh(LstmModel model, BatchPlan plan, StateLineage lineage, int k) {
        // kata:begin runner
        if (!plan.stateful()) {
            return;
        }
        if (lineage.startsAfresh(k)) {
            model.resetStates();
            return;
        }
        for (int row = 0; row < plan.batch(k).size(); row++) {
            if (lineage.predecessor(new StateLineage.Slot(k, row)).isEmpty()) {
                model.resetRow(row);
            }
        }
        // kata:end
    }

    private static void checkFits(LstmModel model, List<Sample> samples, BatchPlan plan) {
        if (plan.stateful() != model.config().stateful()) {
            throw new IllegalArgumentException("plan " + plan + " needs a " + (plan.stateful() ? "stateful" : "stateless")
                    + " model, got a " + (model.config().stateful() ? "stateful" : "stateless") + " one");
        }
        Refusal.require(!plan.stateful() || plan.batchSize() == model.config().batchSize(), "batch size",
                plan.batchSize(), "a stateful model built for " + model.config().batchSize()
                        + " rows cannot carry state for another batch size");
        if (plan.sampleCount() > samples.size()) {
            throw new IllegalArgumentException("plan " + plan + " holds " + plan.sampleCount()
                    + " samples, but only " + samples.size() + " were given");
        }
    }
}
