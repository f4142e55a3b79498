"""``--format jsonl``: one stored document per line, exactly the record contract."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from ceasefire.export import ExportOptions, writer

if TYPE_CHECKING:
    from ceasefire.store import Store


@writer("jsonl", help="one document per line (the record contract)")
def write_jsonl(store: Store, out: IO[str], options: ExportOptions) -> int:
    """Write every selected document as one JSON line."""
    n = 0
    for doc in store.iter_documents(since=options.since, until=options.until, country=options.country):
        out.write(doc.model_dump_json())
        out.write("\n")
        n += 1
    return n
