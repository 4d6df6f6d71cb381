"""Ingest: article files, API bodies and web pages become Articles with their detected claims.

The stages, one module each:

- `article`: the validated fields of an article (`clean_article`, `ArticleData`,
  `IngestError`), whatever it came from;
- `formats`: plain text, Markdown, HTML pages (trafilatura, with a whole-page fallback)
  and JSON sidecars;
- `read`: a file or a submitted page to ArticleData;
- `store`: detection, then the one transaction that stores an article with its claims;
- `stream`: folders in chunks, one outcome per file as it is done.

An article and its claims are stored in one transaction, so a failure stores nothing
of that article. The same article twice (matched by any of its addresses, else by text
hash) changes nothing the second time.
"""

from factbase.ingest.article import ArticleData, IngestError, clean_article
from factbase.ingest.read import SUFFIXES, article_from_fields, read_article_file
from factbase.ingest.store import IngestResult, article_ingest
from factbase.ingest.stream import ingest_paths, iter_article_files

__all__ = [
    "SUFFIXES",
    "ArticleData",
    "IngestError",
    "IngestResult",
    "article_from_fields",
    "article_ingest",
    "clean_article",
    "ingest_paths",
    "iter_article_files",
    "read_article_file",
]
