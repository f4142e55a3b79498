"""Write samples/tbilisi-monitor-2022-03-28.warc.gz: one invented news page as a web archive.

The page is built here so the archive can be regenerated; run from the repository root:
    .venv/bin/python scripts/make_sample_warc.py
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from uuid import NAMESPACE_URL, uuid5

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

URL = "https://www.tbilisimonitor.ge/en/region/2022/03/28/farukh-peacekeepers-talks"
OUT = Path("samples/tbilisi-monitor-2022-03-28.warc.gz")

PARAGRAPHS = [
    "Talks between Russian peacekeepers and the two sides over the village of Farukh, which Armenians "
    "call Parukh, continued on Monday, three days after the deadliest fighting in Nagorno-Karabakh "
    "since the 2020 ceasefire.",
    "The Russian Defence Ministry said on Saturday that Azerbaijani units had left the village. "
    "Azerbaijan's Defence Ministry denied that on Sunday. \"There have been no changes in the "
    'positions," it said.',
    "Karabakh's separatist authorities said three of their soldiers were killed and 15 wounded in "
    "the drone strikes overnight into Friday. Reports carried by international agencies gave the "
    "number of wounded as 14.",
    "Diplomats in Tbilisi said the dispute over the village was a test for the peacekeeping mission "
    "at a time when Moscow's attention is on Ukraine. Georgia's foreign ministry called for calm on "
    "both sides of the line of contact.",
    "A local official in Khramort, a neighbouring village, said most families from Farrukh had "
    "stayed with relatives since Thursday and that schools in the area remained closed on Monday.",
    "The war in 2020 lasted 44 days and killed more than 6,500 people, according to figures released "
    "by both sides after the fighting ended.",
]


def page() -> bytes:
    body = "\n".join(f"      <p>{p}</p>" for p in PARAGRAPHS)
    html = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Peacekeepers keep talking as Farukh stays tense | Tbilisi Monitor</title>
  <meta property="og:title" content="Peacekeepers keep talking as Farukh stays tense">
  <meta property="article:published_time" content="2022-03-28T09:05:00+04:00">
</head>
<body>
  <nav><a href="/en">Home</a> <a href="/en/region">Region</a></nav>
  <article>
    <h1>Peacekeepers keep talking as Farukh stays tense</h1>
{body}
  </article>
  <footer>Tbilisi Monitor, an invented outlet for the ceasefire sample.</footer>
</body>
</html>
"""
    return html.encode("utf-8")


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        # fixed dates and record ids, so that running the script again gives the same bytes
        info = b"software: ceasefire scripts/make_sample_warc.py\r\nformat: WARC File Format 1.1\r\n"
        writer.write_record(
            writer.create_warc_record(
                "",
                "warcinfo",
                payload=BytesIO(info),
                length=len(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Date": "2022-03-28T05:10:00Z",
                    "WARC-Filename": OUT.name,
                    "WARC-Record-ID": f"<urn:uuid:{uuid5(NAMESPACE_URL, OUT.name)}>",
                },
            )
        )
        content = page()
        headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(content)))],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            URL,
            "response",
            payload=BytesIO(content),
            http_headers=headers,
            warc_headers_dict={
                "WARC-Date": "2022-03-28T05:10:00Z",
                "WARC-Record-ID": f"<urn:uuid:{uuid5(NAMESPACE_URL, URL)}>",
            },
        )
        writer.write_record(record)


if __name__ == "__main__":
    main()
