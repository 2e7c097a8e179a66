package io.github.statefullstm.experiment;

import io.github.statefullstm.rnn.Cell;
import io.github.statefullstm.spec.Claim;

/**
 * A-E with a GRU in place of the post's LSTM, on the reference engine and seeds of {@link ReferencePostExperimentsIT}:
 * the same claims hold, because the ceiling is a property of the layout, not of the cell. C and E learn the task; A
 * ends at its ceiling, B and D never beat theirs.
 */
@Claim("SHAPE-5")
class ReferenceGruPostExperimentsIT extends ReferencePostExperimentsIT {

    @Override
    protected Protocol asRun(Protocol post) {
        return post.withLstm(post.model().lstm().withCell(Cell.GRU));
    }
}
