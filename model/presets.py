"""Built-in presets: each is a partial session file (see :mod:`model.session`).

Titles and descriptions are :class:`~model.text.Message` s (translated by the GUI).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from .text import Message, msg

__all__ = ["Preset", "PRESETS", "Suggestion", "get_preset", "preset_names", "DEFAULT_PRESET"]


@dataclass(frozen=True)
class Suggestion:
    """A side-by-side comparison a preset suggests (see :mod:`model.compare`): what differs, its two values
    (``a`` and ``b``), and what to notice."""

    kind: str
    a: object
    b: object
    notice: Message


@dataclass(frozen=True)
class Preset:
    """A named, partial session with a title, a description and how long to train it to show its point.

    ``compare`` lists the side-by-side comparisons it suggests; ``speed`` is the pace it trains at
    when loaded (steps per second; ``None``: the speed the user chose), for a lesson that would
    be over in a moment at full speed.
    """

    name: str
    title: Message
    description: Message
    session: dict
    epochs: int = 1000  # a sensible number of epochs to show the point
    log_every: int = 100
    compare: tuple[Suggestion, ...] = ()
    speed: float | None = None

    def session_dict(self) -> dict:
        d = copy.deepcopy(self.session)
        d.setdefault("format", "backprop-studio/1")
        d["name"] = self.name
        d["description"] = self.description
        return d


def _arch(sizes, activations, init="xavier", init_seed=0):
    return {"sizes": sizes, "activations": activations, "init": init, "init_seed": init_seed}


PRESETS: dict[str, Preset] = {}


def _add(p: Preset):
    PRESETS[p.name] = p


_add(
    Preset(
        "xor-lecture",
        msg("model.presets", "XOR, the lecture's numpy network"),
        msg(
            "model.presets",
            "The lecture's worked code: a 2-3-1 sigmoid network on XOR, randn weights from seed 43, zero biases, "
            "full-batch gradient descent with learning rate 0.1. It trains on ½·MSE and reports MSE, as the "
            "lecture's loop does; the loss falls from 0.3741 to 0.0487 by epoch 9000.",
        ),
        {
            "architecture": _arch([2, 3, 1], ["sigmoid", "sigmoid"], "lecture", 43),
            "loss": {"name": "mse", "half": True},
            "report": {"name": "mse"},
            "optimizer": {"name": "sgd", "learning_rate": 0.1},
            "data": {"name": "xor"},
            "batch_size": None,
            "seed": 43,
        },
        epochs=10000,
        log_every=1000,
        compare=(
            Suggestion(
                "learning_rate",
                0.1,
                1.0,
                msg(
                    "model.presets",
                    "Learning rate 0.1 against 1.0 from the same weights: the larger step reaches in about 1,000 "
                    "epochs the loss the lecture's γ = 0.1 needs 10,000 for, and both find the XOR boundary.",
                ),
            ),
        ),
    )
)

_add(
    Preset(
        "worked-example",
        msg("model.presets", "The classic step-by-step example (2-2-2)"),
        msg(
            "model.presets",
            "The published worked example: one sample x = (0.05, 0.10) with targets (0.01, 0.99), a 2-2-2 "
            "sigmoid network with the weights w1 … w8 and the biases b1 = 0.35, b2 = 0.60 as published, loss "
            "E = ½·Σ(t − o)², learning rate 0.5, and, as published, the biases are not trained. The first "
            "step's E_total is 0.298371109; step through it phase by phase and check every number. After one "
            "update E is 0.29102777 and after 10,000 updates 3.5102e-05; the published 0.291027924 and "
            "0.0000351085 were computed from rounded intermediate values.",
        ),
        {
            "network": {
                "layers": [
                    {
                        "weights": [[0.15, 0.25], [0.20, 0.30]],
                        "biases": [0.35, 0.35],
                        "activation": "sigmoid",
                        "train_biases": False,
                    },
                    {
                        "weights": [[0.40, 0.50], [0.45, 0.55]],
                        "biases": [0.60, 0.60],
                        "activation": "sigmoid",
                        "train_biases": False,
                    },
                ]
            },
            "loss": {"name": "mse", "half": True, "reduction": "sum"},
            "optimizer": {"name": "sgd", "learning_rate": 0.5},
            "data": {"inputs": [[0.05, 0.10]], "targets": [[0.01, 0.99]]},
            "batch_size": None,
            "seed": 0,
            # W(l)[i][j] joins input i to unit j: w1 = i1→h1, w2 = i2→h1, w3 = i1→h2, … as published
            "weight_names": {
                "W": [[["w1", "w3"], ["w2", "w4"]], [["w5", "w7"], ["w6", "w8"]]],
                "b": [["b1", "b1"], ["b2", "b2"]],
            },
        },
        epochs=10000,
        log_every=1000,
        compare=(
            Suggestion(
                "learning_rate",
                0.5,
                5.0,
                msg(
                    "model.presets",
                    "The published γ = 0.5 against γ = 5: with ten times the step, E falls to 0.018 in 10 updates "
                    "where γ = 0.5 is still at 0.22; on this one sample a large step does not overshoot yet.",
                ),
            ),
        ),
    )
)

_add(
    Preset(
        "linear-neuron",
        msg("model.presets", "One neuron: ŷ = wx + b"),
        msg(
            "model.presets",
            "The lecture's example of why gradients: one linear neuron ŷ = wx + b on one sample (x = 2, "
            "y = 5) with the loss L = ½(ŷ − y)². The chain rule gives ∂L/∂w = (wx + b − y)·x and ∂L/∂b = "
            "wx + b − y: the sign of the gradient says which way to move the weight, its size how far. From "
            "w = 0.5, b = 0: ŷ = 1, ∂L/∂w = (1 − 5)·2 = −8 and ∂L/∂b = −4, so with learning rate γ = 0.1 the "
            "update w′ = w − γ·∂L/∂w gives w = 1.3 and b = 0.4. Each step of gradient descent (梯度下降) "
            "halves the error.",
        ),
        {
            "network": {"layers": [{"weights": [[0.5]], "biases": [0.0], "activation": "linear"}]},
            "loss": {"name": "mse", "half": True},
            "optimizer": {"name": "sgd", "learning_rate": 0.1},
            "data": {"inputs": [[2.0]], "targets": [[5.0]]},
            "batch_size": None,
            "seed": 0,
            "weight_names": {"W": [[["w"]]], "b": [["b"]]},
        },
        epochs=30,
        log_every=3,
        compare=(
            Suggestion(
                "learning_rate",
                0.1,
                0.35,
                msg(
                    "model.presets",
                    "γ = 0.1 against γ = 0.35: the error ŷ − y shrinks by ½ per step with 0.1, but with 0.35 the step "
                    "overshoots and the error changes sign every step (×(−0.75)); above 0.4 it would diverge.",
                ),
            ),
        ),
    )
)

_add(
    Preset(
        "vanishing-gradients",
        msg("model.presets", "Vanishing gradients in a deep sigmoid net"),
        msg(
            "model.presets",
            "Seven sigmoid layers on the two moons: σ′ is at most 0.25, so δ shrinks by that factor or more at "
            "each layer on its way back. At the first step the first layer's gradient is over a thousand times "
            "smaller than the last layer's (梯度消失), and the network stalls at the loss ln 2 ≈ 0.693 for about "
            "8,000 steps. It trains at 100 steps per second, so the plateau lasts over a minute. Under Gradients "
            "per layer, ‖δ(l)‖ of the first layer stays about 5,000 times below the last layer's; then compare "
            "it side by side with ReLU hidden layers (View → Compare).",
        ),
        {
            "architecture": _arch([2, 8, 8, 8, 8, 8, 8, 1], ["sigmoid"] * 7, "xavier", 1),
            "loss": {"name": "bce"},
            "optimizer": {"name": "sgd", "learning_rate": 0.5},
            "data": {"name": "moons", "seed": 0},
            "batch_size": None,
            "seed": 1,
        },
        epochs=2000,
        log_every=200,
        compare=(
            Suggestion(
                "activation",
                "sigmoid",
                "relu",
                msg(
                    "model.presets",
                    "The same weights with sigmoid or ReLU hidden layers: ReLU's derivative is 1 where a unit is "
                    "active, so δ reaches the first layer and the loss leaves ln 2 ≈ 0.693 within 100 steps, while "
                    "the sigmoid network stays on its plateau for about 8,000 steps.",
                ),
            ),
        ),
        speed=100,
    )
)

_add(
    Preset(
        "outliers-huber",
        msg("model.presets", "Regression with outliers: Huber loss"),
        msg(
            "model.presets",
            "A line plus 10% gross outliers. Huber is MSE for small errors and MAE for large ones, so the "
            "outliers pull the fit far less than under MSE (鲁棒性). Switch the loss to MSE and watch the fit tilt.",
        ),
        {
            "architecture": _arch([1, 8, 1], ["tanh", "linear"], "xavier", 2),
            "loss": {"name": "huber", "delta": 1.0},
            "optimizer": {"name": "adam", "learning_rate": 0.02},
            "data": {"name": "outliers", "seed": 0},
            "batch_size": None,
            "seed": 2,
        },
        epochs=1500,
        log_every=150,
        compare=(
            Suggestion(
                "loss",
                {"name": "mse"},
                {"name": "huber", "delta": 1.0},
                msg(
                    "model.presets",
                    "MSE against Huber on the same data: the outliers lift the MSE fit above the true line, while "
                    "the Huber fit stays on the line. The two curves measure different losses: compare the fits.",
                ),
            ),
        ),
    )
)

_add(
    Preset(
        "imbalanced-focal",
        msg("model.presets", "Class imbalance: focal loss"),
        msg(
            "model.presets",
            "95% negatives and 5% positives. Focal loss down-weights the easy, well-classified majority so the "
            "few positives still drive learning (焦点损失).",
        ),
        {
            "architecture": _arch([2, 8, 8, 1], ["relu", "relu", "sigmoid"], "he", 3),
            "loss": {"name": "focal", "gamma": 2.0, "alpha": 0.75},
            "optimizer": {"name": "adam", "learning_rate": 0.01},
            "data": {"name": "imbalanced", "seed": 0},
            "batch_size": 32,
            "seed": 3,
        },
        epochs=200,
        log_every=20,
        compare=(
            Suggestion(
                "loss",
                {"name": "bce"},
                {"name": "focal", "gamma": 2.0, "alpha": 0.75},
                msg(
                    "model.presets",
                    "Binary cross-entropy against focal loss: after 5 epochs BCE still puts every positive below ½, "
                    "while focal loss, which down-weights the easy negatives, already finds all ten; after 200 "
                    "epochs BCE still misses one. The two curves measure different losses: compare the outputs.",
                ),
            ),
        ),
    )
)

_add(
    Preset(
        "spiral-adam",
        msg("model.presets", "Two spirals with Adam"),
        msg(
            "model.presets",
            "Two interleaved spirals need a curved boundary: a 2-16-16-1 tanh network trained with Adam and "
            "binary cross-entropy on mini-batches of 32.",
        ),
        {
            "architecture": _arch([2, 16, 16, 1], ["tanh", "tanh", "sigmoid"], "xavier", 4),
            "loss": {"name": "bce"},
            "optimizer": {"name": "adam", "learning_rate": 0.01},
            "data": {"name": "spirals", "seed": 0},
            "batch_size": 32,
            "seed": 4,
        },
        epochs=500,
        log_every=50,
        compare=(
            Suggestion(
                "optimizer",
                "sgd",
                "adam",
                msg(
                    "model.presets",
                    "Plain SGD against Adam, both with γ = 0.01: SGD's loss hardly leaves ln 2 ≈ 0.69 in 500 epochs, "
                    "while Adam's per-weight step sizes bring it below 0.3 and wind the boundary around the spirals.",
                ),
            ),
        ),
    )
)

_add(
    Preset(
        "lr-too-large",
        msg("model.presets", "A learning rate that is too large"),
        msg(
            "model.presets",
            "Linear regression with learning rate 1.6: each step overshoots the minimum by more than it corrects, "
            "so the loss oscillates with growing amplitude and then diverges. The divergence guard stops training "
            "and keeps the last finite weights; lower the learning rate to 0.1 and train again.",
        ),
        {
            "architecture": _arch([1, 1], ["linear"], "xavier", 5),
            "loss": {"name": "mse"},
            "optimizer": {"name": "sgd", "learning_rate": 1.6},
            "data": {"name": "outliers", "seed": 1},
            "batch_size": None,
            "seed": 5,
        },
        epochs=600,
        log_every=50,
        compare=(
            Suggestion(
                "learning_rate",
                1.6,
                0.1,
                msg(
                    "model.presets",
                    "γ = 1.6 against γ = 0.1: the large rate's loss grows by orders of magnitude until the divergence "
                    "guard stops that side, while γ = 0.1 settles at the best line.",
                ),
            ),
        ),
    )
)

_add(
    Preset(
        "blobs-softmax",
        msg("model.presets", "Three classes: softmax + cross-entropy"),
        msg(
            "model.presets",
            "Three Gaussian blobs and a softmax output layer trained with cross-entropy (交叉熵). At the output, δ = "
            "ŷ − y: the softmax and the cross-entropy derivative simplify to the error itself.",
        ),
        {
            "architecture": _arch([2, 6, 3], ["tanh", "softmax"], "xavier", 6),
            "loss": {"name": "cross_entropy"},
            "optimizer": {"name": "momentum", "learning_rate": 0.1, "momentum": 0.9},
            "data": {"name": "blobs", "seed": 0, "classes": 3},
            "batch_size": 16,
            "seed": 6,
        },
        epochs=100,
        log_every=10,
        compare=(
            Suggestion(
                "optimizer",
                {"name": "sgd", "learning_rate": 0.1},
                {"name": "momentum", "learning_rate": 0.1, "momentum": 0.9},
                msg(
                    "model.presets",
                    "SGD against SGD with momentum 0.9 at the same γ: momentum adds up the steps that agree, so its "
                    "loss falls about ten times faster in the first epochs.",
                ),
            ),
        ),
    )
)

_add(
    Preset(
        "sine-regression",
        msg("model.presets", "Fit a sine curve"),
        msg(
            "model.presets",
            "A 1-D regression: a 1-16-16-1 tanh network learns y = sin(x) from noisy samples with MSE and Adam.",
        ),
        {
            "architecture": _arch([1, 16, 16, 1], ["tanh", "tanh", "linear"], "xavier", 7),
            "loss": {"name": "mse"},
            "optimizer": {"name": "adam", "learning_rate": 0.01},
            "data": {"name": "sine", "seed": 0},
            "batch_size": None,
            "seed": 7,
        },
        epochs=2000,
        log_every=200,
        compare=(
            Suggestion(
                "activation",
                "tanh",
                "relu",
                msg(
                    "model.presets",
                    "tanh against ReLU hidden layers: both fit the sine, but the ReLU network's curve is made of "
                    "straight pieces joined at corners, the tanh network's is smooth.",
                ),
            ),
        ),
    )
)

_add(
    Preset(
        "circles-relu",
        msg("model.presets", "Circles with ReLU (TF Playground's classic)"),
        msg(
            "model.presets",
            "Inner disc against outer ring, the TensorFlow Playground favourite: a 2-8-8-1 ReLU network with a "
            "sigmoid output and binary cross-entropy.",
        ),
        {
            "architecture": _arch([2, 8, 8, 1], ["relu", "relu", "sigmoid"], "he", 8),
            "loss": {"name": "bce"},
            "optimizer": {"name": "sgd", "learning_rate": 0.1},
            "data": {"name": "circles", "seed": 0},
            "batch_size": 10,
            "seed": 8,
        },
        epochs=300,
        log_every=30,
        compare=(
            Suggestion(
                "batch_size",
                10,
                None,
                msg(
                    "model.presets",
                    "Mini-batches of 10 against the full batch: each mini-batch step sees 10 samples, so its loss "
                    "curve is noisy; the full-batch curve is smooth but makes one step per epoch.",
                ),
            ),
        ),
    )
)

DEFAULT_PRESET = "xor-lecture"


def preset_names() -> list[str]:
    """The preset names, the default first."""
    return list(PRESETS)


def get_preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(
            msg("model.presets", "unknown preset {name!r}; choose one of: {names}").format(
                name=name, names=", ".join(PRESETS)
            )
        ) from None
