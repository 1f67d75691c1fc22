"""Tests for model.datasets: named generators, custom arrays, CSV files, session round-trip."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.datasets import (
    DATASETS,
    Dataset,
    dataset_from_arrays,
    dataset_from_dict,
    dataset_names,
    load_csv,
    make_dataset,
)

RANDOM = [n for n, s in DATASETS.items() if s.defaults]
PLANE = ["circles", "moons", "spirals", "blobs", "imbalanced"]


def _write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


# --- registry ---------------------------------------------------------------


def test_registry_lists_every_dataset_in_display_order():
    assert dataset_names() == [
        "xor",
        "and",
        "or",
        "circles",
        "moons",
        "spirals",
        "blobs",
        "imbalanced",
        "sine",
        "outliers",
    ]
    for name, spec in DATASETS.items():
        assert spec.name == name
        assert spec.task in ("regression", "classification")
        assert spec.label and spec.description and "\n" not in spec.description


@pytest.mark.parametrize("name", dataset_names())
def test_named_dataset_has_consistent_shapes_and_names(name):
    ds = make_dataset(name)
    spec = DATASETS[name]
    m = spec.defaults.get("n_samples", 4)
    assert ds.name == name and ds.task == spec.task
    assert ds.X.dtype == np.float64 and ds.Y.dtype == np.float64
    assert ds.X.shape[0] == ds.Y.shape[0] == m
    assert len(ds.feature_names) == ds.X.shape[1]
    assert len(ds.target_names) == ds.Y.shape[1]
    assert ds.params == {"seed": 0, **spec.defaults}
    assert ds.description and "\n" not in ds.description
    if ds.task == "classification":
        assert set(np.unique(ds.Y)) <= {0.0, 1.0}


@pytest.mark.parametrize("name", RANDOM)
def test_same_seed_gives_same_arrays(name):
    a, b = make_dataset(name, seed=7), make_dataset(name, seed=7)
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.Y, b.Y)


@pytest.mark.parametrize("name", RANDOM)
def test_different_seed_gives_different_arrays(name):
    a, b = make_dataset(name, seed=1), make_dataset(name, seed=2)
    assert not np.array_equal(a.X, b.X)


@pytest.mark.parametrize("name", dataset_names())
def test_arrays_are_read_only(name):
    ds = make_dataset(name)
    with pytest.raises(ValueError):
        ds.X[0, 0] = 5.0
    with pytest.raises(ValueError):
        ds.Y[0, 0] = 5.0


def test_dataset_copies_the_callers_arrays():
    X, Y = np.zeros((3, 2)), np.array([[0.0], [1.0], [0.0]])
    ds = dataset_from_arrays(X, Y)
    X[0, 0] = 9.0
    Y[0, 0] = 1.0
    assert ds.X[0, 0] == 0.0 and ds.Y[0, 0] == 0.0
    assert not ds.X.flags.writeable and not ds.Y.flags.writeable


# --- the lecture's tables ---------------------------------------------------


@pytest.mark.parametrize("name, y", [("xor", [0, 1, 1, 0]), ("and", [0, 0, 0, 1]), ("or", [0, 1, 1, 1])])
@pytest.mark.parametrize("seed", [0, 5])
def test_truth_tables_are_the_lectures_four_points_in_order(name, y, seed):
    ds = make_dataset(name, seed=seed)
    np.testing.assert_array_equal(ds.X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(ds.Y, np.array(y, dtype=float).reshape(4, 1))
    assert ds.n_classes == 2


# --- generators -------------------------------------------------------------


@pytest.mark.parametrize("n", [200, 10, 20, 30, 41, 1000])
def test_imbalanced_has_exactly_five_percent_positives(n):
    Y = make_dataset("imbalanced", n_samples=n, seed=3).Y
    assert Y.shape == (n, 1)
    assert int(Y.sum()) == (n + 10) // 20  # round(0.05·n), half up
    if n == 200:
        assert Y.sum() == 10


@pytest.mark.parametrize("n", [200, 15, 33])
def test_outliers_shift_exactly_ten_percent_of_points(n):
    ds = make_dataset("outliers", n_samples=n, seed=4)
    residual = ds.Y[:, 0] - (2 * ds.X[:, 0] + 1)
    far = np.abs(residual) > 2.0
    assert far.sum() == (n + 5) // 10
    assert np.abs(residual[~far]).max() < 0.6  # the rest is ordinary noise (σ = 0.1)
    assert ds.task == "regression" and ds.n_classes == 0


@pytest.mark.parametrize("name", ["circles", "moons", "spirals"])
@pytest.mark.parametrize("n", [200, 7])
def test_binary_generators_balance_the_classes(name, n):
    Y = make_dataset(name, n_samples=n).Y
    assert Y.shape == (n, 1)
    assert int(Y.sum()) in (n // 2, n - n // 2)


@pytest.mark.parametrize("name", ["circles", "moons", "spirals", "blobs"])
def test_rows_are_shuffled_so_batches_mix_the_classes(name):
    Y = make_dataset(name).Y
    labels = Y.argmax(axis=1) if Y.shape[1] > 1 else Y[:, 0]
    assert len(np.unique(labels[:50])) > 1 and len(np.unique(labels[-50:])) > 1


def test_circles_put_class_one_inside_the_ring():
    ds = make_dataset("circles", noise=0.0, seed=2)
    r = np.hypot(ds.X[:, 0], ds.X[:, 1])
    inner = ds.Y[:, 0] == 1
    assert r[inner].max() <= 0.5 and r[~inner].min() >= 0.7


@pytest.mark.parametrize("name", PLANE)
def test_plane_datasets_live_in_about_the_unit_square(name):
    X = make_dataset(name, seed=11).X
    assert X.shape[1] == 2
    assert np.abs(X).max() < 2.0
    assert 0.3 < np.abs(X).max(axis=0).min()  # spread out, not collapsed


@pytest.mark.parametrize("name, classes", [("spirals", 3), ("blobs", 3), ("blobs", 5)])
def test_multi_class_generators_are_one_hot(name, classes):
    ds = make_dataset(name, classes=classes, n_samples=100)
    assert ds.Y.shape == (100, classes)
    np.testing.assert_array_equal(ds.Y.sum(axis=1), np.ones(100))
    assert ds.n_classes == classes
    counts = ds.Y.sum(axis=0)
    assert counts.max() - counts.min() <= 1


@pytest.mark.parametrize("name", ["spirals", "blobs"])
def test_two_classes_use_a_single_zero_one_column(name):
    ds = make_dataset(name, classes=2)
    assert ds.Y.shape == (200, 1) and ds.n_classes == 2


def test_sine_is_one_dimensional_regression_on_minus_pi_to_pi():
    ds = make_dataset("sine", noise=0.0)
    assert ds.X.shape == ds.Y.shape == (200, 1)
    assert ds.X.min() >= -np.pi and ds.X.max() <= np.pi
    np.testing.assert_allclose(ds.Y, np.sin(ds.X))
    noisy = make_dataset("sine", noise=0.1)
    assert 0.05 < np.std(noisy.Y - np.sin(noisy.X)) < 0.15


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: make_dataset("donut"), "unknown dataset 'donut'"),
        (lambda: make_dataset("moons", n_samples=0), "n_samples must be at least 1"),
        (lambda: make_dataset("moons", n_samples=2.5), "n_samples must be a whole number"),
        (lambda: make_dataset("moons", n_samples=10**9), "n_samples must be at most"),
        (lambda: make_dataset("moons", noise=-0.1), "noise must be a number from 0 to 100"),
        (lambda: make_dataset("moons", noise=float("nan")), "noise must be a number from 0 to 100"),
        (lambda: make_dataset("moons", noise="a lot"), "noise must be a number"),
        (lambda: make_dataset("moons", colour="red"), "has no parameter 'colour'"),
        (lambda: make_dataset("xor", noise=0.1), "it only takes a seed"),
        (lambda: make_dataset("spirals", classes=1), "classes must be at least 2"),
        (lambda: make_dataset("moons", seed=-1), "seed must be at least 0"),
        (lambda: make_dataset("moons", seed=None), "seed must be a whole number"),
    ],
)
def test_bad_dataset_requests_raise_readable_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@settings(max_examples=40, deadline=None)
@given(
    name=st.sampled_from(RANDOM),
    n=st.integers(1, 60),
    seed=st.integers(0, 2**32),
)
def test_any_size_and_seed_gives_finite_well_formed_data(name, n, seed):
    ds = make_dataset(name, seed=seed, n_samples=n)
    assert ds.X.shape[0] == ds.Y.shape[0] == n
    assert np.isfinite(ds.X).all() and np.isfinite(ds.Y).all()
    if ds.task == "classification" and ds.Y.shape[1] > 1:
        np.testing.assert_array_equal(ds.Y.sum(axis=1), np.ones(n))


# --- custom arrays ----------------------------------------------------------


def test_arrays_reshape_1d_targets_and_infer_classification():
    ds = dataset_from_arrays([[0, 1], [2, 3], [4, 5]], [0, 1, 1])
    assert ds.Y.shape == (3, 1) and ds.task == "classification" and ds.n_classes == 2
    assert ds.name == "custom" and ds.feature_names == ("x1", "x2")


def test_arrays_infer_regression_for_real_targets():
    ds = dataset_from_arrays([[0.0], [1.0]], [0.5, 2.0])
    assert ds.task == "regression" and ds.n_classes == 0


def test_arrays_infer_one_hot_rows_as_classification():
    ds = dataset_from_arrays([[0.0], [1.0], [2.0]], np.eye(3))
    assert ds.task == "classification" and ds.n_classes == 3


def test_explicit_classification_one_hot_encodes_integer_labels():
    ds = dataset_from_arrays([[0.0], [1.0], [2.0], [3.0]], [2, 0, 1, 2], task="classification")
    np.testing.assert_array_equal(ds.Y, [[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    assert ds.n_classes == 3 and ds.target_names == ("class 0", "class 1", "class 2")


def test_explicit_task_overrides_inference():
    ds = dataset_from_arrays([[0.0], [1.0]], [0, 1], task="regression")
    assert ds.task == "regression" and ds.n_classes == 0


@pytest.mark.parametrize(
    "inputs, targets, kwargs, message",
    [
        ([[0, 1], [1, 0]], [0, 1, 1], {}, "inputs have 2 rows but targets have 3"),
        ([[0, 1], [1, np.nan]], [0, 1], {}, "inputs row 2, column 2 is not a finite number"),
        ([[0, 1], [1, 0]], [0, np.inf], {}, "targets row 2, column 1 is not a finite number"),
        ([], [], {}, "inputs are empty"),
        ([[0, 1], [1]], [0, 1], {}, "inputs must be a rectangular table of numbers"),
        ([["a", "b"]], [0], {}, "inputs must be a rectangular table of numbers"),
        (np.zeros((2, 2, 2)), [0, 1], {}, "must be a table"),
        ([[0], [1]], [0, 0.5], {"task": "classification"}, "must be 0 or 1, but row 2"),
        ([[0], [1]], [0, 1], {"task": "ranking"}, "task must be"),
        ([[0], [1]], [[1, 1], [0, 1]], {"task": "classification"}, "must be one-hot"),
    ],
)
def test_bad_arrays_raise_readable_errors(inputs, targets, kwargs, message):
    with pytest.raises(ValueError, match=message):
        dataset_from_arrays(inputs, targets, **kwargs)


def test_dataset_rejects_wrong_number_of_names():
    with pytest.raises(ValueError, match="expected 2 feature names, got 1"):
        dataset_from_arrays([[0, 1]], [1], feature_names=["a"])


# --- session round-trip -----------------------------------------------------


def _assert_same(a: Dataset, b: Dataset):
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.Y, b.Y)
    assert (a.name, a.task, a.feature_names, a.target_names, a.params, a.description) == (
        b.name,
        b.task,
        b.feature_names,
        b.target_names,
        b.params,
        b.description,
    )


@pytest.mark.parametrize("name", dataset_names())
def test_named_dataset_is_stored_as_its_recipe(name):
    ds = make_dataset(name, seed=9)
    d = ds.to_dict()
    assert d == {"name": name, "seed": 9, **DATASETS[name].defaults}
    _assert_same(dataset_from_dict(json.loads(json.dumps(d))), ds)


def test_named_dataset_round_trip_keeps_changed_params():
    ds = make_dataset("spirals", seed=3, n_samples=50, noise=0.2, classes=3)
    assert ds.to_dict() == {"name": "spirals", "seed": 3, "n_samples": 50, "noise": 0.2, "classes": 3}
    _assert_same(dataset_from_dict(ds.to_dict()), ds)


@pytest.mark.parametrize("targets, task", [([0, 1, 1], "regression"), ([0.5, 1.0, -2.0], None), (np.eye(3), None)])
def test_custom_dataset_is_stored_by_value(targets, task):
    ds = dataset_from_arrays([[0.1, 0.2], [0.3, 0.4], [1e-300, -7.25]], targets, name="mine", task=task)
    d = ds.to_dict()
    assert d["inputs"] == [[0.1, 0.2], [0.3, 0.4], [1e-300, -7.25]]
    assert "seed" not in d
    _assert_same(dataset_from_dict(json.loads(json.dumps(d))), ds)


def test_custom_data_named_like_a_registry_entry_is_still_stored_by_value():
    ds = dataset_from_arrays([[5.0, 5.0]], [1], name="xor")
    assert ds.to_dict()["inputs"] == [[5.0, 5.0]]
    np.testing.assert_array_equal(dataset_from_dict(ds.to_dict()).X, [[5.0, 5.0]])


def test_minimal_custom_dict_is_accepted():
    ds = dataset_from_dict({"inputs": [[0, 0], [1, 1]], "targets": [[0], [1]]})
    assert ds.name == "custom" and ds.task == "classification" and ds.X.shape == (2, 2)


@pytest.mark.parametrize(
    "d, message",
    [
        ({"seed": 1}, "needs a 'name', or 'inputs' and 'targets'"),
        ({"inputs": [[0]]}, "has no 'targets'"),
        ({"inputs": [[0]], "targets": [[0]], "colour": 1}, "unknown key 'colour'"),
        ({"name": "moons", "noise": -1}, "noise must be"),
        ({"name": "nope"}, "unknown dataset 'nope'"),
        ([1, 2], "must be a mapping"),
    ],
)
def test_bad_dataset_dicts_raise_readable_errors(d, message):
    with pytest.raises(ValueError, match=message):
        dataset_from_dict(d)


# --- CSV --------------------------------------------------------------------


def test_csv_with_header_uses_last_column_as_target(tmp_path):
    path = _write(tmp_path, "a,b,label\n0.5,1,0\n-2,3e1,1\n\n4, 5 ,1\n")
    ds = load_csv(path)
    np.testing.assert_array_equal(ds.X, [[0.5, 1], [-2, 30], [4, 5]])
    np.testing.assert_array_equal(ds.Y, [[0], [1], [1]])
    assert ds.name == "csv:data.csv" and ds.task == "classification"
    assert ds.feature_names == ("a", "b") and ds.target_names == ("label",)
    assert ds.params == {"path": str(path), "target_columns": [-1], "header": True, "delimiter": ","}
    assert not ds.X.flags.writeable


def test_csv_without_header_is_detected(tmp_path):
    ds = load_csv(_write(tmp_path, "1,2,0.5\n3,4,1.5\n"))
    np.testing.assert_array_equal(ds.X, [[1, 2], [3, 4]])
    np.testing.assert_array_equal(ds.Y, [[0.5], [1.5]])
    assert ds.params["header"] is False and ds.task == "regression"
    assert ds.feature_names == ("column 1", "column 2") and ds.target_names == ("column 3",)


def test_csv_header_can_be_forced(tmp_path):
    path = _write(tmp_path, "1,2,3\n4,5,6\n")
    assert load_csv(path, header=True).X.tolist() == [[4, 5]]
    assert load_csv(path, header=False).X.shape == (2, 2)


def test_csv_target_by_header_name(tmp_path):
    ds = load_csv(_write(tmp_path, "price,size,rooms\n100,50,2\n250,120,4\n"), target_columns="price")
    np.testing.assert_array_equal(ds.Y, [[100], [250]])
    np.testing.assert_array_equal(ds.X, [[50, 2], [120, 4]])
    assert ds.feature_names == ("size", "rooms")


def test_csv_several_target_columns_keep_the_given_order(tmp_path):
    path = _write(tmp_path, "a,b,c,d\n1,2,3,4\n5,6,7,8\n")
    ds = load_csv(path, target_columns=["d", 0])
    np.testing.assert_array_equal(ds.Y, [[4, 1], [8, 5]])
    np.testing.assert_array_equal(ds.X, [[2, 3], [6, 7]])
    assert ds.target_names == ("d", "a") and ds.params["target_columns"] == ["d", 0]


def test_csv_other_delimiter(tmp_path):
    ds = load_csv(_write(tmp_path, "x;y\n1;2\n3;4\n"), delimiter=";")
    np.testing.assert_array_equal(ds.X, [[1], [3]])


def test_csv_integer_labels_become_one_hot_classes(tmp_path):
    path = _write(tmp_path, "x,species\n0.1,2\n0.2,0\n0.3,1\n0.4,2\n")
    ds = load_csv(path)
    assert ds.task == "classification" and ds.n_classes == 3
    np.testing.assert_array_equal(ds.Y, [[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    assert ds.target_names == ("species=0", "species=1", "species=2")
    kept = load_csv(path, task="regression")
    assert kept.task == "regression" and kept.Y.shape == (4, 1)


def test_csv_integer_column_with_missing_labels_stays_regression(tmp_path):
    ds = load_csv(_write(tmp_path, "x,count\n1,0\n2,5\n3,3\n"))
    assert ds.task == "regression" and ds.Y.shape == (3, 1)


def test_csv_dataset_round_trips_by_value(tmp_path):
    ds = load_csv(_write(tmp_path, "a,b,y\n1,2,0.25\n3,4,0.75\n"))
    d = json.loads(json.dumps(ds.to_dict()))
    path = tmp_path / "data.csv"
    path.unlink()  # the session must not depend on the file
    _assert_same(dataset_from_dict(d), ds)


@pytest.mark.parametrize(
    "text, kwargs, message",
    [
        ("a,b,c\n1,2,3\n\n4,5,6\n7,8,9\n\n1,2,abc\n", {}, "data.csv line 7, column 3: 'abc' is not a number"),
        ("1,2,3\n4,5\n", {}, "data.csv line 2: expected 3 columns, found 2"),
        ("a,b,c\n1,2,3\n4,5,6,7\n", {}, "data.csv line 3: expected 3 columns, found 4"),
        ("a,b\n1,\n", {}, r"data.csv line 2, column 2: '' is not a number"),
        ("a,b\n1,nan\n", {}, "data.csv line 2, column 2: 'nan' is not a finite number"),
        ("x,y\n1,2\n", {"header": False}, "data.csv line 1, column 1: 'x' is not a number"),
        ("", {}, "data.csv: no data rows"),
        ("\n\n", {}, "data.csv: no data rows"),
        ("a,b,c\n", {}, "data.csv: no data rows"),
        (
            "a,b,c\n1,2,3\n",
            {"target_columns": "price"},
            r"target column 'price' not found in header \(columns: a, b, c\)",
        ),
        ("1,2,3\n", {"target_columns": "price"}, "given by name, but data.csv has no header row"),
        ("1,2,3\n", {"target_columns": 3}, "target column index 3 is out of range: data.csv has 3 columns"),
        ("1,2,3\n", {"target_columns": -4}, "target column index -4 is out of range"),
        ("1,2,3\n", {"target_columns": [2, -1]}, "target column -1 is listed twice"),
        ("1,2\n", {"target_columns": [0, 1]}, "no input columns left"),
        ("1,2\n", {"target_columns": []}, "at least one target column"),
        ("1,2\n", {"delimiter": ",,"}, "delimiter must be a single character"),
        ("a,b\n1,0.5\n", {"task": "classification"}, "must be 0 or 1"),
    ],
)
def test_csv_errors_name_the_file_line_and_column(tmp_path, text, kwargs, message):
    with pytest.raises(ValueError, match=message):
        load_csv(_write(tmp_path, text), **kwargs)


def test_csv_missing_file_is_a_readable_error(tmp_path):
    with pytest.raises(ValueError, match="cannot read data.csv: No such file"):
        load_csv(tmp_path / "data.csv")


def test_csv_binary_file_is_a_readable_error(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(b"\xff\xfe\x00\x81\x82binary")
    with pytest.raises(ValueError, match="cannot read data.csv"):
        load_csv(path)


# --- CSV: delimiters, caps, progress --------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "x1;x2;y\n1;2;0.5\n3;4;1.5\n",
        "x1\tx2\ty\n1\t2\t0.5\n3\t4\t1.5\n",
        "x1|x2|y\n1|2|0.5\n3|4|1.5\n",
        "x1, x2, y\n1, 2, 0.5\n3, 4, 1.5\n",
        "1;2;0.5\n3;4;1.5\n",
    ],
    ids=["semicolon", "tab", "bar", "comma", "semicolon without header"],
)
def test_csv_delimiter_is_detected(tmp_path, text):
    ds = load_csv(_write(tmp_path, text))
    assert ds.X.tolist() == [[1, 2], [3, 4]] and ds.Y.ravel().tolist() == [0.5, 1.5]
    assert ds.params["delimiter"] in ",;\t|"


def test_a_semicolon_file_with_decimal_commas_says_how_to_write_decimals(tmp_path):
    with pytest.raises(ValueError) as info:
        load_csv(_write(tmp_path, "a;b;y\n1,5;2;0\n3;4,25;1\n"))
    assert str(info.value) == "data.csv line 2, column 1: '1,5' is not a number (write decimals with a point: 1.5)"


def test_sniff_delimiter_prefers_the_semicolon_when_both_split_every_line():
    from model.datasets import sniff_delimiter

    assert sniff_delimiter("1,5;2,5;0\n3,0;4,5;1\n") == ";"
    assert sniff_delimiter("a,b,c\n1,2,3\n") == ","
    assert sniff_delimiter("single\n1\n2\n") == ","


def test_an_id_column_is_not_five_thousand_classes(tmp_path):
    """0 … 4999 in the last column: numbers (regression), and the description says why."""
    rows = "".join(f"{i % 7},{i}\n" for i in range(5000))
    ds = load_csv(_write(tmp_path, "x,id\n" + rows))
    assert ds.task == "regression" and ds.Y.shape == (5000, 1)
    assert "5,000 integer labels are more than 100 classes, so they are read as numbers" in ds.description
    with pytest.raises(ValueError, match="so 5,000 classes; at most 100 are allowed"):
        load_csv(tmp_path / "data.csv", task="classification")


def test_a_hundred_classes_are_still_classes(tmp_path):
    rows = "".join(f"{i},{i % 100}\n" for i in range(300))
    ds = load_csv(_write(tmp_path, rows))
    assert ds.task == "classification" and ds.Y.shape == (300, 100)


def test_csv_rows_over_the_cap_are_refused_as_soon_as_they_are_seen(tmp_path, monkeypatch):
    import model.datasets as datasets

    monkeypatch.setattr(datasets, "MAX_SAMPLES", 1000)
    monkeypatch.setattr(datasets, "_PROGRESS_ROWS", 100)
    path = _write(tmp_path, "".join(f"{i},{i % 2}\n" for i in range(5000)))
    seen = []
    with pytest.raises(ValueError) as info:
        load_csv(path, progress=seen.append)
    assert str(info.value) == "data.csv has more than 1,000 data rows; at most 1,000 can be loaded"
    assert max(seen) < 0.5  # it stopped reading early
    load_csv(_write(tmp_path, "".join(f"{i},{i % 2}\n" for i in range(1000))))  # exactly the cap is fine


def test_csv_numbers_over_the_cap_are_refused(tmp_path, monkeypatch):
    import model.datasets as datasets

    monkeypatch.setattr(datasets, "MAX_CELLS", 50)
    with pytest.raises(ValueError, match=r"data.csv has 60 numbers \(20 rows × 3 columns\); at most 50 can be loaded"):
        load_csv(_write(tmp_path, "1,2,3\n" * 20))


def test_csv_file_and_line_size_caps(tmp_path, monkeypatch):
    import model.datasets as datasets

    monkeypatch.setattr(datasets, "MAX_CSV_BYTES", 100)
    with pytest.raises(ValueError, match="data.csv is 120 bytes; a CSV file may be at most 100 bytes"):
        load_csv(_write(tmp_path, "1,2,3\n" * 20))
    monkeypatch.setattr(datasets, "MAX_CSV_BYTES", 10**9)
    monkeypatch.setattr(datasets, "_MAX_LINE", 50)
    with pytest.raises(ValueError, match="data.csv line 2 is longer than 50 bytes"):
        load_csv(_write(tmp_path, "1,2\n" + "1," * 40 + "\n"))


def test_csv_progress_rises_to_one_and_a_false_return_cancels(tmp_path, monkeypatch):
    import model.datasets as datasets

    monkeypatch.setattr(datasets, "_PROGRESS_ROWS", 50)
    path = _write(tmp_path, "a,b\n" + "".join(f"{i},{i * 0.5}\n" for i in range(500)))
    seen = []
    ds = load_csv(path, progress=seen.append)
    assert ds.X.shape == (500, 1)
    assert seen == sorted(seen) and len(seen) == 11 and seen[-1] == 1.0
    calls = []
    with pytest.raises(datasets.LoadCancelled):
        load_csv(path, progress=lambda f: calls.append(f) or len(calls) < 3)
    assert len(calls) == 3


def test_a_csv_line_number_survives_blank_lines_and_quoted_newlines(tmp_path):
    text = 'a,b,note\n1,2,3\n\n"4",5,6\n7,8,inf\n'
    with pytest.raises(ValueError, match="data.csv line 5, column 3: 'inf' is not a finite number"):
        load_csv(_write(tmp_path, text))


def test_explicit_classification_with_too_many_classes_is_refused_before_allocating():
    with pytest.raises(ValueError, match="hold the class label 1e\\+09, so 1,000,000,001 classes"):
        dataset_from_arrays([[0.0], [1.0]], [[0], [1e9]], task="classification")


# --- CSV fuzz: any bytes load or are refused in one line ---------------------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_CELLS = st.one_of(
    st.sampled_from(["0", "1", "2", "-3.5", "1e308", "1e999", "nan", "inf", "", " ", "x", '"1"', '"a,b"', "1,5", "٣"]),
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=5),
)


@st.composite
def _csv_texts(draw):
    sep = draw(st.sampled_from([",", ";", "\t", "|", " "]))
    rows = draw(st.lists(st.lists(_CELLS, min_size=1, max_size=5), max_size=8))
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = end.join(sep.join(r) for r in rows)
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text.encode("utf-8", errors="surrogatepass") if draw(st.booleans()) else draw(st.binary(max_size=60))


@settings(
    max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(_csv_texts())
def test_any_csv_loads_or_is_refused_in_one_line(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "f.csv"
    path.write_bytes(data)
    try:
        ds = load_csv(path)
    except ValueError as e:
        assert str(e) and "\n" not in str(e)
    else:
        assert np.isfinite(ds.X).all() and np.isfinite(ds.Y).all()
        assert ds.n_classes <= 100
