"""The Spark job on local[2] (run by .ci/run): bundled JSON-lines examples and a WARC fixture
in, Parquet out; its events must equal `griot code` on the same articles.

GRIOT_BIN names the griot binary (default: target/debug/griot in the repository)."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.dataset as ds
import pytest

REPO = Path(__file__).resolve().parents[2]
GRIOT = os.environ.get("GRIOT_BIN", str(REPO / "target" / "debug" / "griot"))
INPUTS = [REPO / "examples" / "sahel-briefs.jsonl", REPO / "tests" / "stories" / "stories.jsonl",
          REPO / "jobs" / "tests" / "fixtures" / "news.warc.gz"]

sys.path.insert(0, str(REPO / "jobs"))
import griot_spark  # noqa: E402


def cli_records():
    env = {k: v for k, v in os.environ.items() if k not in ("GRIOT_DB", "GRIOT_CONFIG")}
    out = subprocess.run([GRIOT, "code", *map(str, INPUTS), "--format", "jsonl"], env=env, capture_output=True,
                         text=True, check=True, stdin=subprocess.DEVNULL).stdout
    return [json.loads(line) for line in out.splitlines()]


def key(e):
    """What an event is: id, type, who, whom, when, where, how it was coded."""
    return (e["event_id"], e["type"], e["mode"], e["cameo"], e["actor_country"], e["actor_sector"],
            e["recipient_country"], e["recipient_sector"], e["date_value"], e["place_name"], e["trigger_start"],
            e["trigger_end"], e["status"], e["rule"])


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    spark = (SparkSession.builder.master("local[2]").appName("griot-test")
             .config("spark.ui.enabled", "false")
             .config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.sql.shuffle.partitions", "2")
             .getOrCreate())
    out = tmp_path_factory.mktemp("spark") / "out"
    t0 = time.perf_counter()
    n = griot_spark.run(spark, [str(p) for p in INPUTS], str(out), partitions=2)
    seconds = time.perf_counter() - t0
    spark.stop()
    print(f"\ngriot_spark: {n} articles in {seconds:.1f} s on local[2] ({n / seconds:.1f} articles/s)")
    return out, n


def test_events_equal_griot_code(job):
    out, n = job
    records = cli_records()
    assert n == len(records) == 3 + 35 + 3
    expected = []
    for r in records:
        for e in r["events"]:
            a, rcp, loc = e.get("actor") or {}, e.get("recipient") or {}, e.get("location") or {}
            expected.append((e["id"], e["type"], e.get("mode"), e.get("cameo"), a.get("country"), a.get("sector"),
                             rcp.get("country"), rcp.get("sector"), (e.get("date") or {}).get("value"), loc.get("name"),
                             e["trigger"]["start"], e["trigger"]["end"], e["status"], e["rule"]))
    got = [key(e) for e in ds.dataset(out / "events", format="parquet", partitioning="hive").to_table().to_pylist()]
    assert sorted(got) == sorted(expected)


def test_partitioned_by_date_with_typed_columns(job):
    out, _ = job
    parts = sorted(p.name for p in (out / "events").iterdir() if p.name.startswith("event_date="))
    assert parts and all(len(p) == len("event_date=2024-03-16") for p in parts if "HIVE" not in p), parts
    table = ds.dataset(out / "events", format="parquet", partitioning="hive").to_table()
    assert str(table.schema.field("article_date").type) == "date32[day]"
    assert str(table.schema.field("lat").type) == "double"
    assert "struct" in str(table.schema.field("evidence").type)
    arts = ds.dataset(out / "articles", format="parquet", partitioning="hive").to_table()
    assert arts.num_rows == 41
    mentions = ds.dataset(out / "mentions", format="parquet", partitioning="hive").to_table()
    assert mentions.num_rows > arts.num_rows


def test_stories_second_pass(job):
    out, n = job
    stories = ds.dataset(out / "stories", format="parquet").to_table().to_pylist()
    assert stories
    assert sum(s["num_articles"] for s in stories) == n
    ids = [a for s in stories for a in s["article_ids"]]
    assert len(ids) == len(set(ids)) == n
    assert any(s["num_articles"] > 1 for s in stories)
