"""The lecture's loss examples typed in: parsing, which losses apply (asked of each loss), values and gradients."""

import numpy as np
import pytest

import model.losses as losses
from model.loss_calculator import (
    applicable_losses,
    evaluate,
    parse_loss,
    parse_values,
    spec_of,
    targets_kind,
    why_not_applicable,
)

Y_REG, P_REG = parse_values("3,5,7"), parse_values("2.5,5,8")
Y_CLS, P_CLS = parse_values("1,0;0,1;1,0"), parse_values("0.9,0.1;0.2,0.8;0.6,0.4")

# the lecture's slides, to four decimals
LECTURE = [
    (Y_REG, P_REG, "mse", 0.4167),
    (Y_REG, P_REG, "mae", 0.5),
    (Y_REG, P_REG, "huber", 0.2083),
    (Y_REG, P_REG, "log_cosh", 0.1846),
    (Y_REG, P_REG, "quantile:quantile=0.7", 0.2167),
    (Y_CLS, P_CLS, "bce", 0.2798),
    (Y_CLS, P_CLS, "cross_entropy", 0.2798),
    (Y_CLS, P_CLS, "label_smoothing_ce", 0.3463),
    (Y_CLS, P_CLS, "focal", 0.0306),
    (Y_CLS, P_CLS, "kl_div", 0.2798),
]


@pytest.mark.parametrize("y, p, spec, expected", LECTURE, ids=[c[2] for c in LECTURE])
def test_the_lectures_values(y, p, spec, expected):
    assert round(evaluate(parse_loss(spec), y, p).value, 4) == expected


def test_bce_on_the_first_column_equals_bce_on_both_columns_of_a_two_class_table():
    first = evaluate(parse_loss("bce"), Y_CLS[:, 0], P_CLS[:, 0]).value
    assert first == pytest.approx(evaluate(parse_loss("bce"), Y_CLS, P_CLS).value, rel=1e-12)


def test_the_gradient_is_the_losss_own_and_matches_finite_differences():
    r = evaluate(parse_loss("huber:delta=0.5"), Y_REG, P_REG)
    h = 1e-6
    for i in range(3):
        up, down = P_REG.copy(), P_REG.copy()
        up[i] += h
        down[i] -= h
        fd = (evaluate(r.loss, Y_REG, up).value - evaluate(r.loss, Y_REG, down).value) / (2 * h)
        assert r.gradient[i] == pytest.approx(fd, abs=1e-6)
    assert r.gradient.shape == P_REG.shape


def test_without_a_choice_every_loss_that_applies_is_listed_in_the_lectures_order():
    assert [spec_of(x) for x in applicable_losses(Y_REG, P_REG)] == [
        "mse",
        "mae",
        "huber",
        "log_cosh",
        "quantile",
        "rmse",
    ]
    assert [spec_of(x) for x in applicable_losses(Y_CLS, P_CLS)] == [
        "bce",
        "cross_entropy",
        "label_smoothing_ce",
        "focal",
        "kl_div",
    ]
    # ±1 labels and raw scores: the hinge loss
    assert [spec_of(x) for x in applicable_losses(parse_values("1,-1,1"), parse_values("0.8,-1.2,2"))] == ["hinge"]
    # one column of probabilities: no softmax losses
    assert [spec_of(x) for x in applicable_losses(parse_values("1,0,1"), parse_values("0.9,0.2,0.6"))] == [
        "bce",
        "focal",
    ]


def test_applicability_is_asked_of_each_loss_not_decided_by_its_name(monkeypatch):
    """A new loss is listed or not from its own declarations (kind, output, check_output)."""

    class Cubed(losses.Loss):
        name, label, kind, output = "cubed", "Cubed", "regression", "any"

        def _value(self, y, p):
            return float(np.mean(np.abs(y - p) ** 3))

        def _gradient(self, y, p):
            return 3 * np.abs(p - y) * (p - y) / p.size

    class SoftmaxOnly(losses.Loss):
        name, label, kind, output = "sm", "Softmax only", "classification", "distribution"

        def check_output(self, activation, n_outputs):
            return None if activation == "softmax" else "needs softmax"

    monkeypatch.setitem(losses.LOSSES, "cubed", Cubed)
    monkeypatch.setitem(losses.LOSSES, "sm", SoftmaxOnly)
    assert "cubed" in [x.name for x in applicable_losses(Y_REG, P_REG)]
    assert "sm" in [x.name for x in applicable_losses(Y_CLS, P_CLS)]
    assert "sm" not in [x.name for x in applicable_losses(parse_values("1,0,1"), parse_values("0.9,0.2,0.6"))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3,5,7", [3, 5, 7]),
        (" 3, 5 ,7 ", [3, 5, 7]),
        ("3 5 7", [3, 5, 7]),
        ("[3, 5, 7]", [3, 5, 7]),
        ("1,0;0,1;1,0", [[1, 0], [0, 1], [1, 0]]),
        ("1,0;0,1;", [[1, 0], [0, 1]]),
        ("[[1, 0], [0, 1]]", [[1, 0], [0, 1]]),
        ("-1.5e-3", [-0.0015]),
    ],
)
def test_parse_values(text, expected):
    assert parse_values(text).tolist() == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "y_true is empty"),
        ("3,,7", "y_true row 1 has an empty value: 3,,7"),
        ("3,x", "y_true: 'x' is not a number"),
        ("3,inf", "y_true: 'inf' is not a finite number"),
        ("1e999", "y_true: '1e999' is not a finite number"),
        ("1,0;1", "y_true row 2 has 1 values but row 1 has 2"),
        ("[1, [2]]", "is not a number"),
        ("[1, true]", "True is not a number"),
        ("[[[1]]]", "is not a number"),
        ("[1, 2", "is not a list of numbers"),
    ],
)
def test_bad_values_are_one_line(text, message):
    with pytest.raises(ValueError) as info:
        parse_values(text, "y_true")
    assert message in str(info.value) and "\n" not in str(info.value)


def test_a_loss_asked_for_by_name_must_fit_the_numbers():
    with pytest.raises(
        ValueError, match="cross_entropy does not apply here: cross_entropy needs targets that are rows"
    ):
        evaluate(parse_loss("cross_entropy"), Y_REG, P_REG)
    with pytest.raises(ValueError, match="y_true has 3 values but y_pred has 2 values: they must match"):
        evaluate(parse_loss("mse"), Y_REG, P_REG[:2])
    with pytest.raises(ValueError, match="unknown loss 'l5'"):
        parse_loss("l5")
    with pytest.raises(ValueError, match="quantile must be between 0 and 1, got 2"):
        parse_loss("quantile:quantile=2")
    # a regression loss applies to labels too, and hinge to any real scores when asked for
    assert evaluate(parse_loss("mse"), Y_CLS, P_CLS).value == pytest.approx(
        (0.01 + 0.01 + 0.04 + 0.04 + 0.16 + 0.16) / 6
    )
    assert why_not_applicable(parse_loss("hinge"), Y_CLS, P_CLS) is None


def test_spec_of_names_only_changed_parameters():
    assert spec_of(parse_loss("huber")) == "huber"
    assert spec_of(parse_loss("huber:delta=0.5")) == "huber:delta=0.5"
    assert spec_of(parse_loss("mse:half=true,reduction=sum")) == "mse:half=true,reduction=sum"
    assert spec_of(parse_loss(spec_of(parse_loss("focal:gamma=1,alpha=0.25")))) == "focal:gamma=1,alpha=0.25"


def test_targets_kind():
    assert targets_kind(Y_CLS) == targets_kind(parse_values("1,-1")) == "classification"
    assert targets_kind(Y_REG) == targets_kind(parse_values("0.5,1")) == "regression"


def test_huge_values_give_inf_not_a_warning():
    with np.errstate(all="raise"):
        r = evaluate(parse_loss("mse"), parse_values("1e300,2"), parse_values("-1e300,2"))
    assert r.value == float("inf")
