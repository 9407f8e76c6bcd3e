import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import date as _date
from typing import Any, Literal, Optional, Union, overload

import pyarrow

__version__: str
PLOVER_TYPES: tuple[str, ...]

Article = Union[str, Mapping[str, Any]]
DateLike = Union[str, _date, None]
PathLike = Union[str, os.PathLike[str]]

class ReadError(Exception): ...

def content_id(text: str) -> str: ...
def code(text: str, date: DateLike = ..., url: Optional[str] = ..., title: Optional[str] = ..., id: Optional[str] = ...) -> dict[str, Any]: ...
def code_batch(items: Iterable[Article], threads: int = ..., batch_size: int = ...) -> Iterator[dict[str, Any]]: ...
def code_batch_with_summaries(items: Iterable[Article], threads: int = ..., batch_size: int = ...) -> Iterator[tuple[dict[str, Any], str]]: ...
def group_stories(summaries: Iterable[str]) -> list[dict[str, Any]]: ...
def read(
    path: Union[PathLike, Iterable[PathLike]],
    date: DateLike = ...,
    errors: Literal["warn", "raise", "ignore"] = ...,
    max_bytes: Optional[int] = ...,
) -> Iterator[dict[str, Any]]: ...

class Store:
    def __init__(self, path: PathLike) -> None: ...
    @overload
    def events(
        self,
        *,
        actor: Optional[str] = ...,
        recipient: Optional[str] = ...,
        type: Optional[str] = ...,
        since: DateLike = ...,
        until: DateLike = ...,
        place: Optional[str] = ...,
        text: Optional[str] = ...,
        limit: Optional[int] = ...,
        arrow: Literal[False] = ...,
    ) -> list[dict[str, Any]]: ...
    @overload
    def events(
        self,
        *,
        actor: Optional[str] = ...,
        recipient: Optional[str] = ...,
        type: Optional[str] = ...,
        since: DateLike = ...,
        until: DateLike = ...,
        place: Optional[str] = ...,
        text: Optional[str] = ...,
        limit: Optional[int] = ...,
        arrow: Literal[True],
    ) -> pyarrow.Table: ...
    def doc(self, article_id: str) -> Optional[dict[str, Any]]: ...
    def article_ids(self) -> list[str]: ...
