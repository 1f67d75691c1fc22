"""File → Export: every file parses as what it claims to be, with the expected contents."""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QInputDialog

os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")

from gui import i18n
from gui.exports import flatten_svg, handout_pdf
from gui.main_window import MainWindow
from gui.tables import csv_text, merge_series, trace_table
from model import Session
from model.trace import trace_records

TIMEOUT = 10_000
SVG = "{http://www.w3.org/2000/svg}"
STEPS = 12


@pytest.fixture(scope="module")
def trained(qapp):
    """One window, trained STEPS steps on xor-lecture (2-3-1, 4 samples), shared by the export tests."""
    from pytestqt.qtbot import QtBot

    win = MainWindow(session=Session.from_preset("xor-lecture"))
    win.resize(1280, 800)
    win.show()
    qtbot = QtBot(None)
    qtbot.waitUntil(lambda: win.latest_snapshot is not None and win.values_snapshot is not None, timeout=TIMEOUT)
    for _ in range(STEPS):
        win.controller.step()
    qtbot.waitUntil(lambda: win.values_snapshot is not None and win.values_snapshot.step == STEPS, timeout=TIMEOUT)
    win.refresh_views()
    yield win
    win.close()


def _rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def _export(qtbot, win, what, path, **kw):
    with qtbot.waitSignal(win.exports.exported, timeout=TIMEOUT) as done:
        win.exports.write_data(what, str(path), **kw)
    assert done.args == [str(path)]


def test_the_diagram_as_svg_has_a_circle_per_neuron_lines_and_text(trained, tmp_path):
    path = tmp_path / "d.svg"
    assert trained.exports.write_picture("diagram", "svg", str(path))
    root = ET.parse(path).getroot()
    assert root.tag == SVG + "svg"
    circles = root.findall(f".//{SVG}circle") + root.findall(f".//{SVG}ellipse")
    assert len(circles) == 2 + 3 + 1  # vectors, not the on-screen sprites
    assert not root.findall(f".//{SVG}image")
    assert len(root.findall(f".//{SVG}polyline")) + len(root.findall(f".//{SVG}line")) >= 2 * 3 + 3
    texts = " ".join("".join(t.itertext()) for t in root.iter(SVG + "text"))
    assert "Hidden 1" in texts and "sigmoid" in texts
    assert root.find(SVG + "title").text == "Network diagram"


def test_the_diagram_as_png_is_drawn_at_twice_its_size(trained, tmp_path):
    path = tmp_path / "d.png"
    assert trained.exports.write_picture("diagram", "png", str(path))
    image = QImage(str(path))
    d = trained.diagram_panel.diagram
    assert (image.width(), image.height()) == (2 * d.width(), 2 * d.height())
    colours = {image.pixel(x, y) for x in range(0, image.width(), 17) for y in range(0, image.height(), 17)}
    assert len(colours) > 20  # a picture, not a blank


def test_the_loss_curve_as_csv_has_real_column_names_and_a_row_per_step(trained, tmp_path):
    path = tmp_path / "loss.csv"
    assert trained.exports.write_picture("loss", "csv", str(path))
    rows = _rows(path)
    assert rows[0] == ["step", "loss", "report", "accuracy"]
    assert [int(r[0]) for r in rows[1:]] == list(range(STEPS))
    straight = Session.from_preset("xor-lecture").trainer
    straight.run_steps(STEPS)
    np.testing.assert_allclose([float(r[2]) for r in rows[1:]], straight.history.report.view()[:STEPS])
    np.testing.assert_allclose([float(r[1]) for r in rows[1:]], straight.history.loss.view()[:STEPS])
    accuracy = [r[3] for r in rows[1:]]
    assert all(a != "" for a in accuracy)  # full batch: every step ends an epoch


def test_the_gradient_and_output_plots_as_csv(trained, tmp_path):
    grads = tmp_path / "g.csv"
    assert trained.exports.write_picture("gradients", "csv", str(grads))
    rows = _rows(grads)
    assert rows[0] == ["step", "grad_norm_layer1", "grad_norm_layer2"] and len(rows) == 1 + STEPS
    assert all(float(v) > 0 for r in rows[1:] for v in r[1:])
    out = tmp_path / "o.csv"
    assert trained.exports.write_picture("output", "csv", str(out))
    rows = _rows(out)
    xs, ys, grid = trained.output_view._surface
    assert rows[0] == ["x1", "x2", "p_class1"] and len(rows) == 1 + len(xs) * len(ys)
    assert float(rows[1][0]) == pytest.approx(xs[0]) and float(rows[2][0]) == pytest.approx(xs[1])
    assert float(rows[2][2]) == pytest.approx(grid[0, 1])


@pytest.mark.parametrize("what", ["loss", "output", "gradients"])
def test_each_plot_as_svg_keeps_its_lines_as_vectors_with_their_width(trained, tmp_path, what):
    path = tmp_path / f"{what}.svg"
    assert trained.exports.write_picture(what, "svg", str(path))
    root = ET.parse(path).getroot()
    assert root.tag == SVG + "svg"
    assert root.findall(f".//{SVG}polyline") or root.findall(f".//{SVG}path")
    assert any("".join(t.itertext()).strip() for t in root.iter(SVG + "text"))  # axes and legend as text
    for g in root.iter(SVG + "g"):  # no scaled group left around a line that must keep its width
        m = re.match(r"matrix\(([^,]+),([^,]+),([^,]+),([^,]+),", g.get("transform", ""))
        if m and [float(v) for v in m.groups()] != [1, 0, 0, 1]:
            assert not [c for c in g if c.get("vector-effect") == "non-scaling-stroke"], g.attrib
    png = tmp_path / f"{what}.png"
    assert trained.exports.write_picture(what, "png", str(png))
    assert not QImage(str(png)).isNull()


def test_flatten_svg_maps_the_points_of_a_non_scaling_line():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><g transform="matrix(2,0,0,-3,10,100)">'
        b'<polyline vector-effect="non-scaling-stroke" points="0,0 1,1 "/>'
        b'<path vector-effect="non-scaling-stroke" d="M0,0 L1,2 C1,1 2,2 3,3 Z"/></g>'
        b'<g transform="matrix(2,0,0,2,0,0)"><text>kept</text></g></svg>'
    )
    root = ET.fromstring(flatten_svg(svg))
    g1, g2 = root.findall(SVG + "g")
    assert "transform" not in g1.attrib and g2.get("transform") == "matrix(2,0,0,2,0,0)"
    assert g1.find(SVG + "polyline").get("points") == "10,100 12,97"
    assert g1.find(SVG + "path").get("d") == "M 10,100 L 12,94 C 12,97 14,94 16,91 Z"


def test_flatten_svg_turns_a_scaled_rect_into_a_path_and_leaves_a_translation_alone():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><g transform="matrix(2,0,0,2,1,1)">'
        b'<rect vector-effect="non-scaling-stroke" x="0" y="0" width="1" height="1"/></g>'
        b'<g transform="matrix(1,0,0,1,5,5)"><rect vector-effect="non-scaling-stroke" width="1" height="1"/></g></svg>'
    )
    g1, g2 = ET.fromstring(flatten_svg(svg)).findall(SVG + "g")
    assert g1.find(SVG + "path").get("d") == "M 1,1 L 3,1 L 3,3 L 1,3 Z" and g1.find(SVG + "rect") is None
    assert g2.get("transform") == "matrix(1,0,0,1,5,5)" and g2.find(SVG + "rect") is not None


def test_the_plots_right_click_menu_offers_our_exports_and_no_matplotlib(trained):
    for key in ("loss", "output", "gradients"):
        plot = trained.exports._plots[key][0].plot
        vb = plot.getPlotItem().getViewBox()
        texts = [a.text() for a in vb.getMenu(None).actions()]
        texts += [a.text() for a in plot.scene().getContextMenus(type("E", (), {"acceptedItem": vb})())]
        assert texts == ["Show everything", "As PNG picture…", "As SVG (vectors, for slides)…", "As CSV table…"]
        assert not any("Export" in t or "Matplotlib" in t for t in texts)


def test_the_loss_history_per_step_and_per_epoch(qtbot, trained, tmp_path):
    path = tmp_path / "h.csv"
    _export(qtbot, trained, "history", path)
    rows = _rows(path)
    assert rows[0] == ["step", "loss", "report"] and len(rows) == 1 + STEPS
    epochs = tmp_path / "e.csv"
    _export(qtbot, trained, "epochs", epochs)
    rows = _rows(epochs)
    assert rows[0] == ["epoch", "loss", "report", "accuracy"] and len(rows) == 1 + STEPS


def test_the_step_trace_as_jsonl_and_csv(qtbot, trained, tmp_path):
    path = tmp_path / "t.jsonl"
    _export(qtbot, trained, "trace_jsonl", path, steps=2)
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 2 * 8  # forward ×2, loss, δ ×2, gradient ×2, update; two steps
    assert [r["phase"] for r in records[:8]] == ["forward"] * 2 + ["loss"] + ["delta"] * 2 + ["gradient"] * 2 + [
        "update"
    ]
    assert records[0]["step"] == STEPS and records[8]["step"] == STEPS + 1  # the next steps, from the window's
    table = tmp_path / "t.csv"
    _export(qtbot, trained, "trace_csv", table, steps=1)
    rows = _rows(table)
    assert rows[0] == ["step", "phase_index", "phase", "layer", "quantity", "param_layer", "row", "column", "value"]
    # z and a of 4×3 and 4×1, loss+report, y_pred and y_true 4×1, δ 4×1 and 4×3, dW 3×1 and 2×3, db 1 and 3,
    # the updated W and b of both layers and γ
    expected = 2 * (12 + 4) + 2 + 2 * 4 + (4 + 12) + (3 + 1 + 6 + 3) + (6 + 3 + 3 + 1) + 1
    assert len(rows) - 1 == expected
    assert {r[0] for r in rows[1:]} == {str(STEPS + 1)}


def test_trace_table_counts_every_number():
    records = list(trace_records(Session.from_preset("worked-example"), 1))
    header, rows = trace_table(records)
    dW = [r for r in rows if r[4] == "dW"]
    assert len(dW) == 2 * 2 + 2 * 2 and all(r[6] >= 1 and r[7] >= 1 for r in dW)
    text = csv_text(header, rows)
    assert text.splitlines()[0] == ",".join(header) and len(text.splitlines()) == 1 + len(rows)


def test_merge_series_joins_on_x_and_leaves_gaps_empty():
    header, rows = merge_series("step", [("a", [0, 1, 2], [1.0, 2.0, 3.0]), ("b", [2], [np.nan])])
    assert header == ["step", "a", "b"]
    assert csv_text(header, rows).splitlines() == ["step,a,b", "0,1.0,", "1,2.0,", "2,3.0,nan"]


def _pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


def test_the_handout_is_a_pdf_with_the_step_phase_by_phase(qtbot, trained, tmp_path):
    path = tmp_path / "handout.pdf"
    _export(qtbot, trained, "handout", path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    session = Session.from_preset("xor-lecture")
    session.trainer.run_steps(STEPS)
    again, pages = handout_pdf(session)
    assert _pdf_pages(again) == pages >= 2  # the title page, then the step
    assert _pdf_pages(data) == pages  # the window's handout: the same step, the same pages
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "2", str(path), str(tmp_path / "p")], check=True
        )
        first = QImage(str(tmp_path / "p-01.png"))
        assert not first.isNull()
        dark = sum(
            1
            for x in range(0, first.width(), 3)
            for y in range(0, first.height(), 3)
            if QImage(first).pixelColor(x, y).lightness() < 128
        )
        assert dark > 100  # title, diagram and curve are printed, not a blank page


def test_the_handout_speaks_the_interface_language(qapp):
    from gui.exports import _summary

    before = i18n.language()
    try:
        i18n.set_language("zh")
        lines = _summary(Session.from_preset("xor-lecture"))
    finally:
        i18n.set_language(before)
    assert lines[0].startswith("网络 2-3-1") and "全批量" in lines[1] and "损失" in lines[2]


def test_the_numpy_script_runs_and_prints_what_train_prints(qtbot, trained, tmp_path):
    path = tmp_path / "xor_numpy.py"
    _export(qtbot, trained, "numpy", path)
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    session = Session.from_preset("xor-lecture")
    session.trainer.run_steps(STEPS)
    first = float(lines[0].split("=")[1])
    assert lines[0].startswith(f"Epoch {STEPS}:")
    assert first == pytest.approx(session.trainer.evaluate()[1], abs=1e-4)


def test_export_menu_asks_for_a_file_and_says_where_it_wrote(qtbot, trained, tmp_path, monkeypatch):
    path = tmp_path / "pic"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    trained.exports.actions["diagram_svg"].trigger()
    assert (tmp_path / "pic.svg").is_file()  # the suffix added
    assert "pic.svg" in trained.statusBar().currentMessage()
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (3, True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "tr.jsonl"), ""))
    with qtbot.waitSignal(trained.exports.exported, timeout=TIMEOUT):
        trained.exports.actions["trace_jsonl"].trigger()
    assert len((tmp_path / "tr.jsonl").read_text(encoding="utf-8").splitlines()) == 3 * 8


def test_a_failed_export_says_so_in_one_line_and_keeps_the_old_file(trained, tmp_path):
    target = tmp_path / "missing-folder" / "d.svg"
    seen = []
    trained.exports.failed.connect(seen.append)
    assert not trained.exports.write_picture("diagram", "svg", str(target))
    assert len(seen) == 1 and "\n" not in seen[0] and "missing-folder" in seen[0]
    old = tmp_path / "old.csv"
    old.write_text("kept", encoding="utf-8")
    os.chmod(tmp_path, 0o500)
    try:
        if os.access(tmp_path, os.W_OK):
            pytest.skip("running as a user who may write anywhere")
        assert not trained.exports.write_picture("loss", "csv", str(old))
    finally:
        os.chmod(tmp_path, 0o700)
    assert old.read_text(encoding="utf-8") == "kept"


def test_the_export_menu_is_translated(qtbot, qapp):
    from gui.i18n import install_qt_translations, remove_qt_translations

    before = i18n.language()
    i18n.set_language("zh")
    try:
        assert install_qt_translations(qapp)
        win = MainWindow()
        qtbot.addWidget(win)
        texts = [a.text() for a in win.exports.menu.actions() if a.text()]
        assert win.exports.menu.title() == "导出(&E)"
        assert "讲义（PDF）…" in texts and "Python 脚本（PyTorch）…" in texts
        assert not [t for t in texts if re.search(r"[a-z]{3,}", re.sub("Python|PyTorch|numpy", "", t))]
    finally:
        remove_qt_translations(qapp)
        i18n.set_language(before)


def test_csv_text_writes_non_finite_values_as_numpy_reads_them():
    text = csv_text(["a", "b"], [(1, float("inf")), (2, float("-inf")), (3, None)])
    back = np.genfromtxt(io.StringIO(text), delimiter=",", names=True)
    assert np.isposinf(back["b"][0]) and np.isneginf(back["b"][1]) and np.isnan(back["b"][2])


def test_a_large_network_gives_a_handout_not_a_book(qapp):
    small, pages_small = handout_pdf(Session.from_preset("worked-example"))
    _, pages_large = handout_pdf(Session.from_preset("spiral-adam"))  # 2-16-16-1, mini-batches of 32
    assert pages_small >= 5 and pages_large <= 20
