package unrolled.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Parameters.count() of every model against the closed formulas, and article 5's LSTM count. */
class ParameterCountTest {

    private static final Random RANDOM = new Random(1);

    @Test
    void article5LstmFormulaUsesOneBiasPerGate() {
        // Article 5: 4(mh + h² + h) with m = 1, h = 50. PyTorch's nn.LSTM(1, 50) has b_ih and b_hh: 10600.
        assertEquals(4 * (50 + 2500 + 50), ParameterCounts.lstm(1, 50, 1));
        assertEquals(10400, ParameterCounts.lstm(1, 50, 1));
        assertEquals(10600, ParameterCounts.lstm(1, 50, 2));
        assertEquals(10600, Recurrent.lstm(1, 50).seed(1).build().parameters().count());
        assertEquals(10600, LSTMCell.random(1, 50, RANDOM).parameters().count());
    }

    @Test
    void everyCellMatchesItsFormula() {
        int m = 7;
        int h = 5;
        assertEquals(ParameterCounts.rnn(m, h, 2), ElmanCell.random(m, h, RANDOM).parameters().count());
        assertEquals(ParameterCounts.rnn(m, h, 0), ElmanCell.linearMemory(m, h).parameters().count());
        assertEquals(ParameterCounts.lstm(m, h, 2), LSTMCell.random(m, h, RANDOM).parameters().count());
        assertEquals(ParameterCounts.gru(m, h, 2), GRUCell.random(m, h, RANDOM).parameters().count());
        assertEquals(ParameterCounts.peepholeLstm(m, h, 2), PeepholeLSTMCell.random(m, h, RANDOM).parameters().count());
        assertEquals(ParameterCounts.lstm(m, h, 2) + 3 * h, ParameterCounts.peepholeLstm(m, h, 2));
        assertEquals(3 * (m * h + h * h + 2 * h), ParameterCounts.gru(m, h, 2));
        // Jordan: input → hidden, output → hidden, hidden → output, each with a bias.
        assertEquals(ParameterCounts.dense(m, h, true) + ParameterCounts.dense(3, h, true)
                + ParameterCounts.dense(h, 3, true), JordanCell.random(m, h, 3, RANDOM).parameters().count());
    }

    @Test
    void stackedAndBidirectionalTotals() {
        // nn.LSTM(10, 20, num_layers=2, bidirectional=True): PyTorch reports 2·4(200+400+40) + 2·4(800+400+40) = 15040.
        assertEquals(15040, ParameterCounts.stacked((m, h) -> ParameterCounts.lstm(m, h, 2), 10, 20, 2, true));
        assertEquals(15040, Recurrent.lstm(10, 20).layers(2).bidirectional(true).seed(1).build().parameters().count());
        for (boolean bidirectional : new boolean[] {false, true}) {
            for (int layers = 1; layers <= 3; layers++) {
                assertEquals(ParameterCounts.stacked((m, h) -> ParameterCounts.rnn(m, h, 2), 4, 6, layers,
                        bidirectional),
                        Recurrent.rnn(4, 6).layers(layers).bidirectional(bidirectional).seed(1).build()
                                .parameters().count());
                assertEquals(ParameterCounts.stacked((m, h) -> ParameterCounts.gru(m, h, 2), 4, 6, layers,
                        bidirectional),
                        Recurrent.gru(4, 6).layers(layers).bidirectional(bidirectional).seed(1).build()
                                .parameters().count());
                assertEquals(ParameterCounts.stacked((m, h) -> ParameterCounts.peepholeLstm(m, h, 2), 4, 6, layers,
                        bidirectional), Recurrent.peephole(4, 6).layers(layers).bidirectional(bidirectional).seed(1)
                        .build().parameters().count());
            }
        }
    }

    @Test
    void structuresAddTheirHead() {
        Recurrent rnn = Recurrent.lstm(3, 8).bidirectional(true).seed(1).build();
        assertEquals(rnn.parameters().count() + ParameterCounts.dense(16, 2, true),
                ManyToOne.of(rnn, 2, 1).parameters().count());
    }
}
