"""The eval command's own behaviour: listing, unknown names, missing data."""

from __future__ import annotations

from typer.testing import CliRunner

from ceasefire.cli import _load_commands, app

_load_commands()
runner = CliRunner()


def test_unknown_data_set_is_a_usage_error():
    result = runner.invoke(app, ["eval", "no-such-set", "--json"])
    assert result.exit_code == 2


def test_missing_data_folder_fails_with_exit_1(tmp_path):
    result = runner.invoke(app, ["eval", "zyte", "--data", str(tmp_path / "absent"), "--json"])
    assert result.exit_code == 1


def test_list_names_every_registered_evaluator():
    from ceasefire.eval import evaluators

    result = runner.invoke(app, ["eval", "--list"])
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.output.splitlines() if line.strip()}
    assert listed == set(evaluators())
