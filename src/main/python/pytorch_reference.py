"""The PyTorch side of Unrolled's benchmark (run by unrolled.bench.Benchmark when torch is installed).

For each configuration given as CELL:B:T:I:H, times one training step — forward through nn.RNN/LSTM/GRU, a linear
head on every step, softmax cross-entropy over all T·B rows, zero_grad, backward — in float64 on one thread, and
prints one JSON line {"cell", "B", "T", "I", "H", "ms_per_step"}.
"""
import json
import sys
import time

import torch


def time_step(cell, batch, steps, inputs, hidden, min_seconds=1.0):
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

    for _ in range(5):
        step()
    runs, start = 0, time.perf_counter()
    while time.perf_counter() - start < min_seconds:
        step()
        runs += 1
    return (time.perf_counter() - start) / runs * 1000


def main(configs):
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
    for config in configs:
        cell, b, t, i, h = config.split(":")
        ms = time_step(cell, int(b), int(t), int(i), int(h))
        print(json.dumps({"cell": cell, "B": int(b), "T": int(t), "I": int(i), "H": int(h), "ms_per_step": ms}),
              flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
