"""model.text: translatable messages are plain strings that remember their template."""

import pickle

import pytest

from model.text import Message, msg


def test_a_message_is_its_english_text_and_keeps_template_and_parameters():
    m = msg("model.trainer", "the batch size must be at least 1, got {size}").format(size=0)
    assert m == "the batch size must be at least 1, got 0"
    assert isinstance(m, str)
    assert (m.context, m.template, dict(m.params)) == (
        "model.trainer",
        "the batch size must be at least 1, got {size}",
        {"size": 0},
    )
    assert str(ValueError(m)) == m


def test_format_fills_named_parameters_and_refuses_positional_ones():
    m = msg("c", "{a} and {b:.2f}").format(a=1, b=2)
    assert m == "1 and 2.00"
    with pytest.raises(TypeError):
        msg("c", "{}").format(1)


def test_a_message_crosses_a_pipe_as_itself():
    m = msg("model.session", "step {step:g}").format(step=3.0)
    back = pickle.loads(pickle.dumps(m))
    assert isinstance(back, Message)
    assert (back, back.template, dict(back.params)) == (m, m.template, {"step": 3.0})
