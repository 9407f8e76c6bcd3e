"""griot: news in, evidence-linked political event data out.

Python bindings of the griot engine (see the repository's README). Every record is the one ``griot code --format json`` writes:
``article``, ``sentences``, ``mentions``, ``times``, ``statements``, ``quantities``,
``events`` (and ``diagnostics`` when a stage has something to say), each item with ``start``
and ``end`` byte offsets into the article text.

    >>> import griot
    >>> rec = griot.code("Niger revoked its military agreement with the United States on Saturday.",
    ...                  date="2024-03-17")
    >>> [(e["type"], e["actor"]["country"], e["recipient"]["country"]) for e in rec["events"]]
    [('SANCTION', 'NER', 'USA')]
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import date as _date
from typing import Any, Optional, Union

from . import _griot

__all__ = ["code", "code_batch", "code_batch_with_summaries", "group_stories", "read", "Store", "ReadError",
           "content_id", "__version__"]
__version__ = _griot.__version__

Article = Union[str, Mapping[str, Any]]


#: The 16 PLOVER event types.
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


class ReadError(Exception):
    """A document that griot's readers could not read (``location: reason``)."""


def _day(value: Any) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, _date):
        return value.isoformat()
    return str(value)


def content_id(text: str) -> str:
    """The id griot gives an article that has none: ``"a"`` + 16 hex digits of its SHA-256."""
    return _griot.content_id(text)


def code(text: str, date: Any = None, url: Optional[str] = None, title: Optional[str] = None,
         id: Optional[str] = None) -> dict:
    """Analyse one article and return its record (a dict, as ``griot code --format json``).

    ``date`` is the publication date (``"2024-03-17"`` or a ``datetime.date``): relative dates
    ("on Saturday") resolve against it. Without one they stay unresolved. ``id`` defaults to
    the content-derived id. Raises ``ValueError`` for a date griot refuses.
    """
    return json.loads(_griot.code_json(text, _day(date), url, title, id))


def _article_json(item: Article) -> str:
    if isinstance(item, str):
        return json.dumps({"text": item})
    if not isinstance(item, Mapping):
        raise TypeError(f"code_batch items are str or dict, not {type(item).__name__}")
    if not isinstance(item.get("text"), str):
        raise ValueError("an article dict needs a 'text' string")
    known = {"id", "url", "title", "date", "lang", "source", "text", "meta"}
    out = {k: (_day(v) if k == "date" else v) for k, v in item.items() if k in known}
    extra = {k: v for k, v in item.items() if k not in known}
    if extra:
        out["meta"] = {**extra, **(item.get("meta") or {})}
    return json.dumps(out, default=str)


def code_batch(items: Iterable[Article], threads: int = 0, batch_size: int = 256) -> Iterator[dict]:
    """Analyse many articles in parallel; yields their records in input order.

    Each item is a text or a dict with ``text`` and optional ``id``, ``url``, ``title``,
    ``date``, ``lang``, ``source``, ``meta`` (other keys go to ``meta``, as the JSON-lines
    reader does). ``threads``: worker threads (0 = one per core). Items are taken
    ``batch_size`` at a time, so an endless iterable is fine; the GIL is released while a batch
    is analysed.
    """
    if threads < 0:
        raise ValueError("threads must be 0 (one per core) or more")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    chunk: list[str] = []
    for item in items:
        chunk.append(_article_json(item))
        if len(chunk) >= batch_size:
            for rec in _griot.code_batch_json(chunk, threads):
                yield json.loads(rec)
            chunk = []
    if chunk:
        for rec in _griot.code_batch_json(chunk, threads):
            yield json.loads(rec)


def code_batch_with_summaries(items: Iterable[Article], threads: int = 0, batch_size: int = 256) -> Iterator[tuple]:
    """Like ``code_batch``, yielding ``(record, summary)`` pairs: ``summary`` is the article's
    story summary (opaque JSON text) for ``group_stories``. Used by the Spark job, whose
    second pass groups stories from the summaries of many partitions."""
    if threads < 0:
        raise ValueError("threads must be 0 (one per core) or more")
    chunk: list[str] = []

    def run(c):
        for rec, summary in _griot.code_batch_with_summaries_json(c, threads):
            yield json.loads(rec), summary

    for item in items:
        chunk.append(_article_json(item))
        if len(chunk) >= batch_size:
            yield from run(chunk)
            chunk = []
    if chunk:
        yield from run(chunk)


def group_stories(summaries: Iterable[str]) -> list:
    """Groups articles into stories from their summaries, as ``griot ingest`` does: returns
    the story views (dicts with ``id``, ``title``, ``start``, ``end``, ``articles``, ``events``
    with mention, source and article counts, ...). Deterministic: the same summaries give the
    same stories in any order."""
    return [json.loads(s) for s in _griot.group_stories_json(list(summaries))]


def read(path: Union[str, "os.PathLike[str]", Iterable[Union[str, "os.PathLike[str]"]]], date: Any = None,
         errors: str = "warn", max_bytes: Optional[int] = None) -> Iterator[dict]:
    """Read articles with griot's readers: plain text, JSON lines, HTML, RSS/Atom, WARC, gzip,
    directories (recursive). Yields article dicts (``id``, ``url``, ``title``, ``date``,
    ``lang``, ``source``, ``text``, ``meta``) that ``code_batch`` takes as they are.

    ``date`` is the publication date for articles that carry none. ``errors``: ``"warn"``
    (default: a ``UserWarning`` per unreadable document, reading goes on), ``"raise"``
    (``ReadError``) or ``"ignore"``.
    """
    import warnings

    if errors not in ("warn", "raise", "ignore"):
        raise ValueError("errors must be 'warn', 'raise' or 'ignore'")
    paths = [os.fspath(path)] if isinstance(path, (str, os.PathLike)) else [os.fspath(p) for p in path]
    for kind, payload in _griot.Reader(paths, _day(date), max_bytes):
        if kind == "article":
            yield json.loads(payload)
        elif kind == "error":
            if errors == "raise":
                raise ReadError(payload)
            if errors == "warn":
                warnings.warn(f"griot: skipped {payload}", stacklevel=2)
        elif errors == "warn":
            warnings.warn(f"griot: warning: {payload}", stacklevel=2)


class Store:
    """A griot database (made by ``griot ingest``), opened read-only.

    >>> store = griot.Store("griot.db")                                  # doctest: +SKIP
    >>> store.events(actor="NER", type="SANCTION", since="2024-01-01")   # doctest: +SKIP
    """

    def __init__(self, path: Union[str, "os.PathLike[str]"]):
        self._inner = _griot.Store(path)

    def events(self, *, actor: Optional[str] = None, recipient: Optional[str] = None,
               type: Optional[str] = None, since: Any = None, until: Any = None,
               place: Optional[str] = None, text: Optional[str] = None, limit: Optional[int] = None,
               arrow: bool = False):
        """Stored events matching every filter given, as ``griot events`` selects them.

        ``actor``/``recipient``: country or IGO code, or code + sector (``NERMIL``);
        ``type``: PLOVER type; ``since``/``until``: events wholly inside the range;
        ``place``: place name or country code; ``text``: words of the article (full-text).
        Returns a list of dicts (the event record plus ``article_id``, ``article_date``,
        ``article_title``, ``article_url``), or with ``arrow=True`` a ``pyarrow.Table``.
        """
        if type is not None and type.upper() not in PLOVER_TYPES:
            raise ValueError(f"unknown event type {type!r}: one of {', '.join(PLOVER_TYPES)}")
        if limit is not None and limit < 0:
            raise ValueError("limit must be 0 (all) or more")
        rows = [json.loads(r) for r in self._inner.events_json(
            actor, recipient, type, _day(since), _day(until), place, text, limit)]
        if arrow:
            import pyarrow as pa

            return pa.Table.from_pylist(rows)
        return rows

    def doc(self, article_id: str) -> Optional[dict]:
        """The stored article's record with every layer, or ``None``."""
        raw = self._inner.doc_json(article_id)
        return None if raw is None else json.loads(raw)

    def article_ids(self) -> list:
        """Ids of the stored articles, in ingest order."""
        return self._inner.article_ids()
