"""Tests of the griot Python package (run by .ci/run after `pip install ./python`).

GRIOT_BIN names the griot binary used to compare with the CLI (default:
target/debug/griot in the repository)."""

import json
import os
import subprocess
import warnings
from datetime import date
from pathlib import Path

import pytest

import griot

REPO = Path(__file__).resolve().parents[2]
GRIOT = os.environ.get("GRIOT_BIN", str(REPO / "target" / "debug" / "griot"))
SENTENCE = "Niger revoked its military agreement with the United States on Saturday."


def cli(cwd, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("GRIOT_DB", "GRIOT_CONFIG")}
    return subprocess.run([GRIOT, *args], cwd=cwd, env=env, capture_output=True, text=True, check=True,
                          stdin=subprocess.DEVNULL).stdout


def test_code_returns_the_record_with_events():
    rec = griot.code(SENTENCE, date="2024-03-17")
    assert set(rec) >= {"article", "sentences", "mentions", "times", "statements", "quantities", "events"}
    ev = rec["events"][0]
    assert ev["type"] == "SANCTION"
    assert ev["actor"]["country"] == "NER" and ev["recipient"]["country"] == "USA"
    assert ev["date"]["value"] == "2024-03-16"
    assert SENTENCE[ev["trigger"]["start"]:ev["trigger"]["end"]] == ev["trigger"]["text"]
    assert rec["article"]["id"] == griot.content_id(SENTENCE)


def test_code_takes_a_date_object_url_and_title():
    rec = griot.code(SENTENCE, date=date(2024, 3, 17), url="https://news.example/a", title="Pact revoked", id="x1")
    assert rec["article"]["url"] == "https://news.example/a"
    assert rec["article"]["title"] == "Pact revoked"
    assert rec["article"]["id"] == "x1"
    assert rec["article"]["date"] == "2024-03-17"


def test_a_refused_date_is_a_value_error():
    with pytest.raises(ValueError, match="2024-02-30"):
        griot.code(SENTENCE, date="2024-02-30")


def test_code_equals_the_cli_record(tmp_path, monkeypatch):
    line = {"id": "pact", "url": "https://news.example/pact", "title": "Niger ends pact", "date": "2024-03-17",
            "text": (REPO / "examples" / "niger-us-pact.txt").read_text(encoding="utf-8")}
    (tmp_path / "a.jsonl").write_text(json.dumps(line) + "\n")
    from_cli = json.loads(cli(tmp_path, "code", "a.jsonl", "--format", "json"))
    from_py = griot.code(line["text"], date=line["date"], url=line["url"], title=line["title"], id="pact")
    for key in ("sentences", "mentions", "times", "statements", "quantities", "events"):
        assert from_py[key] == from_cli[key], key
    # and through read(): the very same article, source ("a.jsonl:1") included
    monkeypatch.chdir(tmp_path)
    (art,) = list(griot.read("a.jsonl"))
    (rec,) = list(griot.code_batch([art]))
    assert rec == from_cli


def test_code_batch_keeps_input_order_whatever_the_threads():
    texts = [SENTENCE, "Mali and Niger signed a defence pact on Monday.", "Nothing happens here.", SENTENCE.upper()] * 5
    one = [r["events"] for r in griot.code_batch(texts, threads=1)]
    two = [r["events"] for r in griot.code_batch(({"text": t, "date": "2024-03-17"} for t in texts), threads=2, batch_size=3)]
    assert len(one) == len(texts) == len(two)
    assert [r["article"]["id"] for r in griot.code_batch(texts, threads=2)] == [griot.content_id(t) for t in texts]
    assert two[0][0]["date"]["value"] == "2024-03-16"


def test_code_batch_checks_its_items():
    with pytest.raises(ValueError, match="text"):
        list(griot.code_batch([{"title": "no text"}]))
    with pytest.raises(TypeError):
        list(griot.code_batch([42]))
    with pytest.raises(ValueError):
        list(griot.code_batch([SENTENCE], threads=-1))


def test_read_every_format(tmp_path):
    (tmp_path / "a.txt").write_text("Title: Pact\nDate: 2024-03-17\n\n" + SENTENCE + "\n")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "b", "text": SENTENCE, "topic": "sahel"}) + "\nnot json\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        arts = list(griot.read(tmp_path))
    assert [a["id"] for a in arts][1] == "b"
    assert arts[0]["title"] == "Pact" and arts[0]["date"] == "2024-03-17"
    assert arts[1]["meta"] == {"topic": "sahel"}
    assert any("b.jsonl:2" in str(w.message) for w in caught)
    with pytest.raises(griot.ReadError, match="b.jsonl:2"):
        list(griot.read([tmp_path / "b.jsonl"], errors="raise"))
    assert len(list(griot.read(tmp_path / "b.jsonl", errors="ignore"))) == 1
    undated = list(griot.read(tmp_path / "b.jsonl", date="2024-01-02", errors="ignore"))
    assert undated[0]["date"] == "2024-01-02"


def test_read_a_warc(tmp_path):
    html = b"<html><head><title>Pact</title></head><body><p>" + SENTENCE.encode() + b"</p></body></html>"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/w\r\n"
            b"WARC-Date: 2024-03-17T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            b"Content-Length: " + str(len(http)).encode() + b"\r\n\r\n")
    (tmp_path / "x.warc").write_bytes(head + http + b"\r\n\r\n")
    (art,) = list(griot.read(tmp_path / "x.warc"))
    assert art["url"] == "https://news.example/w"
    assert SENTENCE in art["text"]


def test_store_events_filters_like_the_cli(tmp_path):
    cli(tmp_path, "ingest", "--quiet", str(REPO / "tests" / "stories" / "stories.jsonl"))
    store = griot.Store(tmp_path / "griot.db")
    every = store.events()
    assert len(every) == len(cli(tmp_path, "export", "--format", "plover-jsonl").splitlines())
    ner = store.events(actor="NER", since="2024-01-01")
    assert ner and all(e["actor"]["country"] == "NER" for e in ner)
    from_cli = json.loads("[" + ",".join(cli(tmp_path, "events", "--actor", "NER", "--since", "2024-01-01", "--format", "jsonl").splitlines()) + "]")
    assert [e["id"] for e in ner] == [e["id"] for e in from_cli]
    assert len(store.events(limit=3)) == 3
    with pytest.raises(ValueError):
        store.events(since="2024-02-01", until="2024-01-01")
    with pytest.raises(ValueError, match="SANCTION"):
        store.events(type="BOMBING")
    table = store.events(type="CONSULT", arrow=True)
    assert table.num_rows == len(store.events(type="CONSULT")) > 0
    first = store.article_ids()[0]
    assert store.doc(first)["article"]["id"] == first
    assert store.doc("no such article") is None


def test_a_missing_database_is_an_os_error(tmp_path):
    with pytest.raises(OSError):
        griot.Store(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()
