"""`main.py FILE.json` and `main.py FILE.csv` open the window on that file (no Qt needed to check the arguments)."""

import pytest

import main


def test_a_session_file_becomes_session_and_a_csv_becomes_data(tmp_path):
    data = tmp_path / "points.csv"
    data.write_text("x,y\n0,1\n", encoding="utf-8")
    lesson = str(tmp_path / "lesson.json")
    open(lesson, "w").close()
    assert main._file_argument([lesson]) == ["--session", lesson]
    assert main._file_argument(["--lang", "zh", lesson]) == ["--lang", "zh", "--session", lesson]
    assert main._file_argument(["--preset", "spiral-adam", str(data)]) == [
        "--preset",
        "spiral-adam",
        "--data",
        str(data),
    ]
    args = main._build_parser().parse_args(main._file_argument([str(data)]))
    assert args.data == str(data) and args.session is None and args.command is None


def test_commands_and_options_are_left_alone():
    argv = ["train", "--preset", "xor-lecture", "--save", "out.json"]
    assert main._file_argument(argv) == argv
    assert main._file_argument(["--session", "a.json"]) == ["--session", "a.json"]
    assert main._file_argument([]) == []


@pytest.mark.parametrize(
    "argv, words",
    [
        (["nowhere.csv"], "no such file"),
        (["{here}", "--preset", "xor-lecture"], "not both"),
        (["{here}", "--session", "b.json"], "not both"),
        (["--data", ""], "empty"),
    ],
)
def test_bad_file_arguments_say_so_in_one_line(capsys, tmp_path, argv, words):
    here = tmp_path / "a.json"
    here.write_text("{}", encoding="utf-8")
    assert main.main([a.format(here=here) for a in argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0]


def test_a_session_file_that_is_not_there_fails_before_any_window(capsys, tmp_path, monkeypatch):
    import gui.app

    monkeypatch.setattr(gui.app, "run_app", lambda args: pytest.fail("a window was opened"))
    assert main.main([str(tmp_path / "missing.json")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "missing.json" in err[0] and "no such file" in err[0]
