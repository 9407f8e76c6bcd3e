"""griot on Spark: code news articles on many machines, write Parquet.

    spark-submit jobs/griot_spark.py --out OUT INPUT...

INPUT: JSON-lines files (``.jsonl``/``.ndjson``, gzip too) or WARC archives (``.warc``,
``.warc.gz``), or directories/globs of them, on any filesystem Spark reads (local paths,
``hdfs://``, ``s3a://``, ...). JSON lines are split by line across partitions; a WARC file is
one unit of work. Each partition runs griot through its Python package (``griot.read`` on the
partition's bytes, then ``griot.code_batch_with_summaries``), so an article is coded exactly as
``griot code`` codes it.

Output (Parquet, snappy):
  OUT/events/event_date=YYYY-MM-DD/    one row per coded event (first day of its date, else
                                       the article's publication date; ``event_date=__HIVE_DEFAULT_PARTITION__``
                                       when neither is known)
  OUT/mentions/date=YYYY-MM-DD/        one row per actor/place mention of each article, by
                                       publication date
  OUT/articles/date=YYYY-MM-DD/        one row per article, by publication date
  OUT/stories/                         second pass: articles grouped into stories within
                                       windows of --window-days days of publication date

The columns carry the names of griot's SQLite store and of ``griot export --format parquet``
(``docs/schema.md``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time

from pyspark import StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql import types as T

SPAN = T.StructType([T.StructField("start", T.LongType()), T.StructField("end", T.LongType()), T.StructField("text", T.StringType())])

EVENTS = T.StructType([
    T.StructField("event_id", T.StringType()),
    T.StructField("article_id", T.StringType()),
    T.StructField("sentence", T.IntegerType()),
    T.StructField("trigger_start", T.LongType()),
    T.StructField("trigger_end", T.LongType()),
    T.StructField("trigger_text", T.StringType()),
    T.StructField("type", T.StringType()),
    T.StructField("mode", T.StringType()),
    T.StructField("context", T.ArrayType(T.StringType())),
    T.StructField("cameo", T.StringType()),
    T.StructField("actor_name", T.StringType()),
    T.StructField("actor_country", T.StringType()),
    T.StructField("actor_sector", T.StringType()),
    T.StructField("recipient_name", T.StringType()),
    T.StructField("recipient_country", T.StringType()),
    T.StructField("recipient_sector", T.StringType()),
    T.StructField("date_value", T.StringType()),
    T.StructField("place_name", T.StringType()),
    T.StructField("place_country", T.StringType()),
    T.StructField("geonameid", T.LongType()),
    T.StructField("lat", T.DoubleType()),
    T.StructField("lon", T.DoubleType()),
    T.StructField("status", T.StringType()),
    T.StructField("rule", T.StringType()),
    T.StructField("evidence", T.ArrayType(SPAN)),
    T.StructField("article_date", T.DateType()),
    T.StructField("article_url", T.StringType()),
    T.StructField("event_date", T.DateType()),
])

MENTIONS = T.StructType([
    T.StructField("article_id", T.StringType()),
    T.StructField("idx", T.IntegerType()),
    T.StructField("start", T.LongType()),
    T.StructField("end", T.LongType()),
    T.StructField("text", T.StringType()),
    T.StructField("kind", T.StringType()),
    T.StructField("name", T.StringType()),
    T.StructField("country", T.StringType()),
    T.StructField("sector", T.StringType()),
    T.StructField("geonameid", T.LongType()),
    T.StructField("lat", T.DoubleType()),
    T.StructField("lon", T.DoubleType()),
    T.StructField("date", T.DateType()),
])

ARTICLES = T.StructType([
    T.StructField("id", T.StringType()),
    T.StructField("url", T.StringType()),
    T.StructField("title", T.StringType()),
    T.StructField("date", T.DateType()),
    T.StructField("lang", T.StringType()),
    T.StructField("source", T.StringType()),
    T.StructField("chars", T.LongType()),
    T.StructField("num_sentences", T.LongType()),
    T.StructField("num_events", T.LongType()),
    T.StructField("summary", T.StringType()),
])

STORIES = T.StructType([
    T.StructField("id", T.StringType()),
    T.StructField("window_start", T.DateType()),
    T.StructField("title", T.StringType()),
    T.StructField("start", T.DateType()),
    T.StructField("end", T.DateType()),
    T.StructField("num_articles", T.LongType()),
    T.StructField("num_sources", T.LongType()),
    T.StructField("num_events", T.LongType()),
    T.StructField("actors", T.ArrayType(T.StringType())),
    T.StructField("article_ids", T.ArrayType(T.StringType())),
    T.StructField("data", T.StringType()),
])


def log(message):
    print(f"griot_spark: {message}", file=sys.stderr, flush=True)


def day(value):
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def first_day(value):
    """First day that a TIMEX3 value covers (2024-03-16, 2024-03, 2024-W11, 2024)."""
    if not value:
        return None
    v = str(value)
    try:
        if len(v) >= 10 and v[4] == "-" and v[7] == "-":
            return dt.date.fromisoformat(v[:10])
        if len(v) >= 8 and v[4:6] == "-W":
            return dt.date.fromisocalendar(int(v[:4]), int(v[6:8]), 1)
        if len(v) == 7 and v[4] == "-":
            return dt.date(int(v[:4]), int(v[5:7]), 1)
        if len(v) == 4 and v.isdigit():
            return dt.date(int(v), 1, 1)
    except ValueError:
        return None
    return None


def event_rows(rec):
    art = rec["article"]
    published = day(art.get("date"))
    for e in rec["events"]:
        actor, recipient, loc = e.get("actor") or {}, e.get("recipient") or {}, e.get("location") or {}
        date_value = (e.get("date") or {}).get("value")
        yield (
            e["id"], art["id"], e["sentence"], e["trigger"]["start"], e["trigger"]["end"], e["trigger"]["text"],
            e["type"], e.get("mode"), list(e.get("context") or []), e.get("cameo"),
            actor.get("name"), actor.get("country"), actor.get("sector"),
            recipient.get("name"), recipient.get("country"), recipient.get("sector"),
            date_value, loc.get("name"), loc.get("country"), loc.get("geonameid"), loc.get("lat"), loc.get("lon"),
            e["status"], e["rule"], [(x["start"], x["end"], x["text"]) for x in e.get("evidence") or []],
            published, art.get("url"), first_day(date_value) or published,
        )


def mention_rows(rec):
    art = rec["article"]
    published = day(art.get("date"))
    for m in rec["mentions"]:
        place = m.get("place") or {}
        yield (
            art["id"], m["id"], m["start"], m["end"], m["text"], m.get("kind"), m.get("name"), m.get("country"),
            m.get("sector"), place.get("geonameid"), place.get("lat"), place.get("lon"), published,
        )


def article_row(rec, summary):
    art = rec["article"]
    return (
        art["id"], art.get("url"), art.get("title"), day(art.get("date")), art.get("lang"), art.get("source"),
        art.get("chars"), len(rec["sentences"]), len(rec["events"]), summary,
    )


def code_files(named_bytes, threads):
    """Writes each (name, bytes) to a scratch directory under its own base name (the readers
    go by extension), reads them with griot's readers and codes them. Yields (kind, row)."""
    import griot

    scratch = tempfile.mkdtemp(prefix="griot-spark-")
    try:
        paths = []
        for i, (name, data) in enumerate(named_bytes):
            base = os.path.basename(name.rstrip("/")) or "input"
            path = os.path.join(scratch, f"{i:06d}-{base}")
            with open(path, "wb") as f:
                f.write(data)
            paths.append((path, name))
        for path, original in paths:
            articles = []
            for a in griot.read(path, errors="warn"):
                # where it came from, as the user named it (the scratch copy is gone after)
                a["source"] = (a.get("source") or "").replace(path, original, 1) or original
                articles.append(a)
            for rec, summary in griot.code_batch_with_summaries(articles, threads=threads):
                for row in event_rows(rec):
                    yield ("event", row)
                for row in mention_rows(rec):
                    yield ("mention", row)
                yield ("article", article_row(rec, summary))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def code_jsonl_partition(lines, threads, index):
    """A partition of JSON lines: one scratch .jsonl file, read and coded as griot reads it."""
    data = "\n".join(lines).encode("utf-8")
    if not data.strip():
        return iter(())
    return code_files([(f"part-{index:05d}.jsonl", data + b"\n")], threads)


def is_jsonl(path):
    p = path.lower()
    return p.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"))


def window_of(published, days):
    if published is None:
        return None
    epoch = dt.date(1970, 1, 1)
    n = (published - epoch).days // days
    return epoch + dt.timedelta(days=n * days)


def group_window(items, days):
    """Second pass: the summaries of one window of publication dates -> story rows."""
    import griot

    items = list(items)
    if not items:
        return
    window = items[0][0]
    for s in griot.group_stories(summary for _, summary in items):
        yield (
            s["id"] if isinstance(s["id"], str) else f"{s['id']:016x}", window, s["title"], day(s.get("start")),
            day(s.get("end")), s["num_articles"], s["num_sources"], len(s["events"]),
            [c for c, _ in s.get("actors") or []], [a["id"] for a in s["articles"]], json.dumps(s),
        )


def run(spark, inputs, out, partitions=None, threads=1, window_days=7, mode="overwrite"):
    """Runs the job; returns the number of articles coded."""
    sc = spark.sparkContext
    if __name__ != "__main__":
        # imported (tests, notebooks): the executors need this module for the functions below
        sc.addPyFile(os.path.abspath(__file__))
    jsonl = [p for p in inputs if is_jsonl(p)]
    other = [p for p in inputs if not is_jsonl(p)]
    rdds = []
    if jsonl:
        lines = sc.textFile(",".join(jsonl), minPartitions=partitions or sc.defaultParallelism)
        rdds.append(lines.mapPartitionsWithIndex(lambda i, it: code_jsonl_partition(it, threads, i)))
    if other:
        files = sc.binaryFiles(",".join(other), minPartitions=partitions or sc.defaultParallelism)
        rdds.append(files.mapPartitions(lambda it: code_files(it, threads)))
    if not rdds:
        raise SystemExit("griot_spark: no inputs")
    coded = rdds[0] if len(rdds) == 1 else sc.union(rdds)
    # Code once: the three tables and the story pass all read these rows (spilled to disk
    # rather than recomputed when memory is short).
    t0 = time.perf_counter()
    coded = coded.persist(StorageLevel.MEMORY_AND_DISK)
    rows = coded.count()
    log(f"coded {rows} rows in {time.perf_counter() - t0:.1f} s")

    events = spark.createDataFrame(coded.filter(lambda kr: kr[0] == "event").map(lambda kr: kr[1]), EVENTS)
    mentions = spark.createDataFrame(coded.filter(lambda kr: kr[0] == "mention").map(lambda kr: kr[1]), MENTIONS)
    articles = spark.createDataFrame(coded.filter(lambda kr: kr[0] == "article").map(lambda kr: kr[1]), ARTICLES)
    # One writer per date value (repartition by the partition column): one file per date
    # directory instead of one per task and date.
    parts = max(1, coded.getNumPartitions())
    events.repartition(parts, "event_date").write.mode(mode).partitionBy("event_date").parquet(os.path.join(out, "events"))
    log(f"wrote events at {time.perf_counter() - t0:.1f} s")
    mentions.repartition(parts, "date").write.mode(mode).partitionBy("date").parquet(os.path.join(out, "mentions"))
    articles.repartition(parts, "date").write.mode(mode).partitionBy("date").parquet(os.path.join(out, "articles"))
    log(f"wrote mentions and articles at {time.perf_counter() - t0:.1f} s")

    # Second pass: stories, grouped within windows of publication dates (an article without
    # a date is in the window of its own: None).
    keyed = articles.select("date", "summary").rdd.map(lambda r: (window_of(r["date"], window_days), r["summary"]))
    grouped = keyed.groupByKey(numPartitions=parts).flatMap(lambda kv: group_window([(kv[0], s) for s in sorted(kv[1])], window_days))
    spark.createDataFrame(grouped, STORIES).write.mode(mode).parquet(os.path.join(out, "stories"))
    log(f"grouped and wrote stories at {time.perf_counter() - t0:.1f} s")
    n = coded.filter(lambda kr: kr[0] == "article").count()
    coded.unpersist()
    return n


def main(argv=None):
    ap = argparse.ArgumentParser(description="Code news with griot on Spark and write Parquet")
    ap.add_argument("inputs", nargs="+", help="JSON-lines or WARC files, directories or globs (any Hadoop filesystem)")
    ap.add_argument("--out", required=True, help="output directory (events/, mentions/, articles/, stories/)")
    ap.add_argument("--partitions", type=int, default=None, help="minimum number of input partitions")
    ap.add_argument("--threads", type=int, default=1, help="griot threads per Spark task (default 1: one task per core)")
    ap.add_argument("--window-days", type=int, default=7, help="width of the story-grouping windows (default 7)")
    ap.add_argument("--master", default=None, help="Spark master when not run by spark-submit (e.g. local[2])")
    a = ap.parse_args(argv)
    if a.window_days < 1 or a.threads < 0 or (a.partitions is not None and a.partitions < 1):
        ap.error("--window-days and --partitions must be at least 1, --threads at least 0")
    builder = SparkSession.builder.appName("griot")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.getOrCreate()
    try:
        n = run(spark, a.inputs, a.out, a.partitions, a.threads, a.window_days)
    finally:
        spark.stop()
    log(f"{n} articles coded into {a.out}")


if __name__ == "__main__":
    main()
