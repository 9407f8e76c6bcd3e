"""Reads `griot export --format parquet` with pyarrow and DuckDB (run by .ci/run).

GRIOT_BIN names the griot binary (default: target/debug/griot in the repository).
"""

import json
import os
import subprocess
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

REPO = Path(__file__).resolve().parents[2]
GRIOT = os.environ.get("GRIOT_BIN", str(REPO / "target" / "debug" / "griot"))


def griot(cwd, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("GRIOT_DB", "GRIOT_CONFIG")}
    return subprocess.run([GRIOT, *args], cwd=cwd, env=env, capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    d = tmp_path_factory.mktemp("pq")
    griot(d, "ingest", "--quiet", str(REPO / "tests" / "stories" / "stories.jsonl"))
    griot(d, "export", "--format", "parquet", "--out", "pq")
    jsonl = griot(d, "export", "--format", "plover-jsonl").stdout
    return d / "pq", [json.loads(line) for line in jsonl.splitlines()]


def test_pyarrow_reads_typed_columns(exported):
    pqdir, records = exported
    events = pq.read_table(pqdir / "events.parquet")
    s = events.schema
    assert s.field("date_start").type == pa.date32()
    assert s.field("lat").type == pa.float64()
    assert s.field("story_event_id").type == pa.int64()
    ev = s.field("evidence").type
    assert pa.types.is_list(ev) and pa.types.is_struct(ev.value_type)
    assert [f.name for f in ev.value_type] == ["start", "end", "text"]
    assert sorted(events.column("event_id").to_pylist()) == sorted(r["id"] for r in records)
    # codes come back as dictionaries when asked for
    t = pq.read_table(pqdir / "events.parquet", read_dictionary=["type"])
    assert pa.types.is_dictionary(t.schema.field("type").type)
    meta = pq.ParquetFile(pqdir / "events.parquet").metadata
    col = [meta.row_group(0).column(i) for i in range(meta.num_columns) if meta.row_group(0).column(i).path_in_schema == "type"][0]
    assert col.has_dictionary_page


def test_evidence_points_at_the_words(exported):
    pqdir, _ = exported
    events = pq.read_table(pqdir / "events.parquet").to_pylist()
    assert any(e["evidence"] for e in events)
    for e in events:
        for ev in e["evidence"]:
            assert 0 <= ev["start"] <= ev["end"]
            assert ev["text"]


def test_duckdb_queries_all_four_tables(exported):
    pqdir, records = exported
    con = duckdb.connect()
    n = con.execute(f"select count(*) from '{pqdir}/events.parquet'").fetchone()[0]
    assert n == len(records)
    articles = con.execute(f"select count(*), count(distinct story_id) from '{pqdir}/articles.parquet'").fetchone()
    stories = con.execute(f"select count(*), sum(num_articles) from '{pqdir}/stories.parquet'").fetchone()
    assert articles[0] == 35 and stories[1] == articles[0] and articles[1] == stories[0]
    joined = con.execute(
        f"select count(*) from '{pqdir}/mentions.parquet' m join '{pqdir}/articles.parquet' a on m.article_id = a.id"
    ).fetchone()[0]
    assert joined == con.execute(f"select count(*) from '{pqdir}/mentions.parquet'").fetchone()[0]
    kind = con.execute(f"select typeof(date_start), typeof(evidence) from '{pqdir}/events.parquet' limit 1").fetchone()
    assert kind[0] == "DATE" and kind[1].startswith("STRUCT(")
