"""Writes jobs/tests/fixtures/news.warc.gz from the bundled examples (run once by hand; the
fixture is committed): two HTML responses and one plain-text resource, each WARC record its own
gzip member, as crawlers write them.

    python3 jobs/tests/make_warc.py
"""

import gzip
import html
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def record(kind, uri, date, content_type, payload, rid):
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{rid:012d}>\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + payload + b"\r\n\r\n", mtime=0)


def http(body, mime="text/html; charset=utf-8"):
    return b"HTTP/1.1 200 OK\r\nContent-Type: " + mime.encode() + b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body


def page(title, date, text):
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta property="article:published_time" content="{date}"></head>'
            f"<body><nav>Home | World</nav><article><h1>{html.escape(title)}</h1>{paras}</article></body></html>").encode()


def main():
    briefs = [json.loads(l) for l in (REPO / "examples" / "sahel-briefs.jsonl").read_text(encoding="utf-8").splitlines()]
    out = b""
    out += record("response", "https://news.example/chad-election", "2024-05-10T08:00:00Z",
                  "application/http; msgtype=response", http((REPO / "examples" / "chad-election.html").read_bytes()), 1)
    b = briefs[1]
    out += record("response", "https://news.example/" + b["id"], b["date"] + "T09:00:00Z",
                  "application/http; msgtype=response", http(page(b["title"], b["date"], b["text"])), 2)
    out += record("resource", "https://news.example/niger-us-pact.txt", "2024-03-17T10:00:00Z", "text/plain",
                  (REPO / "examples" / "niger-us-pact.txt").read_bytes(), 3)
    (REPO / "jobs" / "tests" / "fixtures" / "news.warc.gz").write_bytes(out)


if __name__ == "__main__":
    main()
