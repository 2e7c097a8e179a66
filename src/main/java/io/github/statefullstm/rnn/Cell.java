package io.github.statefullstm.rnn;

import io.github.statefullstm.refusal.Refusal;
import java.util.Arrays;
import java.util.Locale;

/**
 * The recurrent cell of every layer, as Keras names it: what one step computes and what state it carries.
 *
 * <ul>
 *   <li>{@link #LSTM}: four gate blocks i, f, c, o; the state is h and the cell c.</li>
 *   <li>{@link #GRU}: Keras' GRU with {@code reset_after=False}, Keras 1's and TensorFlow.js' only variant (Keras 2.3
 *       and later default to {@code reset_after=True}, which has a second, recurrent bias). Three gate blocks z
 *       (update), r (reset), h (candidate); the state is h alone: {@code z = σ(x·W_z + h·U_z + b_z)},
 *       {@code r = σ(x·W_r + h·U_r + b_r)}, {@code ĥ = tanh(x·W_h + (r ⊙ h)·U_h + b_h)},
 *       {@code h' = z ⊙ h + (1 - z) ⊙ ĥ}.</li>
 * </ul>
 */
public enum Cell {

    LSTM(4, true),
    GRU(3, false);

    private final int gates;
    private final boolean carriesCell;

    Cell(int gates, boolean carriesCell) {
        this.gates = gates;
        this.carriesCell = carriesCell;
    }

    /** How many gate blocks, each {@code units} wide, its kernels stack along their last axis. */
    public int gates() {
        return gates;
    }

    /** Whether its state has a cell c beside h: an LSTM's does, a GRU's is h alone. */
    public boolean carriesCell() {
        return carriesCell;
    }

    /** The name a user types and a report prints: {@code lstm} or {@code gru}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The cell a user names by its {@link #id()}, in any case; any other name is refused, naming it. */
    public static Cell of(String id) {
        for (Cell cell : values()) {
            if (cell.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return cell;
            }
        }
        throw Refusal.refused("cell", id, "must be one of " + Arrays.stream(values()).map(Cell::id).toList());
    }
}
