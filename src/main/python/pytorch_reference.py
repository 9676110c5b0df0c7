"""The PyTorch side of Unrolled's benchmark (driven by unrolled.bench.Benchmark when torch is installed).

Prints {"torch": version} once ready, then reads configurations CELL:B:T:I:H from standard input, one per line (or
takes them as arguments). For each it times one training step — forward through nn.RNN/LSTM/GRU, a linear head on
every step, softmax cross-entropy over all T·B rows, zero_grad, backward — in float64 on one thread, the same way
the Java side does: a warm-up, then the median of five rounds. It prints one JSON line
{"cell", "B", "T", "I", "H", "ms_per_step"} per configuration.
"""
import json
import statistics
import sys
import time

import torch

WARM_UP_SECONDS = 1.0
ROUNDS = 5
ROUND_SECONDS = 0.2


def time_step(cell, batch, steps, inputs, hidden):
    torch.manual_seed(0)
    rnn = getattr(torch.nn, cell)(inputs, hidden)
    head = torch.nn.Linear(hidden, inputs)
    x = torch.randn(steps, batch, inputs)
    y = torch.randint(0, inputs, (steps * batch,))
    params = list(rnn.parameters()) + list(head.parameters())

    def step():
        for p in params:
            p.grad = None
        out, _ = rnn(x)
        loss = torch.nn.functional.cross_entropy(head(out).reshape(steps * batch, inputs), y)
        loss.backward()

    def run_for(seconds):
        runs, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            step()
            runs += 1
        return (time.perf_counter() - start) / runs * 1000

    run_for(WARM_UP_SECONDS)
    return statistics.median(run_for(ROUND_SECONDS) for _ in range(ROUNDS))


def report(config):
    cell, b, t, i, h = config.split(":")
    ms = time_step(cell, int(b), int(t), int(i), int(h))
    print(json.dumps({"cell": cell, "B": int(b), "T": int(t), "I": int(i), "H": int(h), "ms_per_step": ms}),
          flush=True)


def main(configs):
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
    print(json.dumps({"torch": torch.__version__}), flush=True)
    for config in configs or (line.strip() for line in sys.stdin):
        if config:
            report(config)


if __name__ == "__main__":
    main(sys.argv[1:])
