"""``ceasefire gazetteer``: build, extend and inspect the offline place gazetteer."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer

from ceasefire.commands._common import err

PathOption = typer.Option(
    None,
    "--path",
    help="Gazetteer file. Default: $CEASEFIRE_GAZETTEER, else ~/.local/share/ceasefire/gazetteer.sqlite.",
    show_default=False,
)


def register(app: typer.Typer) -> None:
    gaz_app = typer.Typer(
        help="The offline GeoNames gazetteer that places are resolved with (build, import, stats, lookup).",
        no_args_is_help=True,
    )
    app.add_typer(gaz_app, name="gazetteer")

    @gaz_app.command("build")
    def build_(
        path: Path | None = PathOption,
        if_missing: bool = typer.Option(
            False,
            "--if-missing",
            help="Do nothing when the file exists and was built from the current tables.",
        ),
    ) -> None:
        """Build the default gazetteer from package data (no network; GeoNames cities500 and more).

        Example: ceasefire gazetteer build --if-missing
        """
        from ceasefire.resolve.gazetteer import build, default_path, is_current

        target = path or default_path()
        if if_missing and is_current(target, same_data=True):
            err.print(f"gazetteer: {target} exists")
            return
        if is_current(target):
            from ceasefire.resolve.gazetteer import Gazetteer

            gaz = Gazetteer(target)
            dumps = [row[0] for row in gaz.db.execute("SELECT file FROM imports")]
            gaz.close()
            if dumps:
                err.print(
                    f"gazetteer: rebuilding drops the imported dumps {', '.join(dumps)}: import them again"
                )
        started = time.perf_counter()
        stats = build(target)
        err.print(
            f"gazetteer: built {target}: {stats['places']} places, {stats['names']} names "
            f"in {time.perf_counter() - started:.1f}s"
        )

    @gaz_app.command("import")
    def import_(
        file: Path = typer.Argument(..., help="A GeoNames dump: XX.txt, allCountries.txt or a .zip of one."),
        path: Path | None = PathOption,
    ) -> None:
        """Add a GeoNames dump (villages, regions, sites) to the gazetteer; re-importing adds nothing.

        Example: ceasefire gazetteer import AZ.zip
        """
        from ceasefire.resolve.gazetteer import GazetteerError, import_dump

        started = time.perf_counter()
        try:
            result = import_dump(file, path)
        except GazetteerError as exc:
            err.print(f"[red]error[/red]: {exc}")
            raise typer.Exit(1) from None
        err.print(
            f"gazetteer: read {result['rows']} rows from {file}: {result['new_places']} new places, "
            f"{result['new_names']} new names in {time.perf_counter() - started:.1f}s"
        )

    @gaz_app.command("stats")
    def stats_(path: Path | None = PathOption) -> None:
        """Print what the gazetteer holds, as JSON."""
        from ceasefire.resolve.gazetteer import Gazetteer, GazetteerError, default_path

        try:
            gaz = Gazetteer(path or default_path())
        except GazetteerError as exc:
            err.print(f"[red]error[/red]: {exc}")
            raise typer.Exit(1) from None
        print(json.dumps(gaz.stats(), ensure_ascii=False, indent=2))

    @gaz_app.command("lookup")
    def lookup_(
        name: str = typer.Argument(..., help="A place name, in any common spelling."),
        country: str | None = typer.Option(None, "--country", help="Only places in this ISO2/ISO3 country."),
        fuzzy: bool = typer.Option(False, "--fuzzy", help="Also names one edit away (needs --country)."),
        path: Path | None = PathOption,
    ) -> None:
        """Show the gazetteer's candidates for NAME, most populous first (JSON lines).

        Example: ceasefire gazetteer lookup Farrukh --country AZ --fuzzy
        """
        from ceasefire.resolve.gazetteer import Gazetteer, GazetteerError, default_path, fold, iso2

        try:
            gaz = Gazetteer(path or default_path())
        except GazetteerError as exc:
            err.print(f"[red]error[/red]: {exc}")
            raise typer.Exit(1) from None
        cc = None
        if country:
            cc = iso2(country)
            if cc is None:
                err.print(f"[red]error[/red]: unknown country code {country!r}")
                raise typer.Exit(2)
        hits = gaz.lookup(name, cc)
        if fuzzy and cc and not hits:
            hits = gaz.fuzzy(name, cc)
        if not hits:
            err.print(f"gazetteer: nothing for {name!r} (folded: {fold(name)!r})")
            raise typer.Exit(1)
        for e in sorted(hits, key=lambda e: -e.population):
            row = {
                "id": e.gid,
                "name": e.name,
                "lat": e.lat,
                "lon": e.lon,
                "country": e.iso3,
                "admin1": gaz.admin1_name(e.country, e.admin1),
                "feature": e.feature,
                "population": e.population,
                "alternate_name": e.alt,
            }
            print(json.dumps(row, ensure_ascii=False))
