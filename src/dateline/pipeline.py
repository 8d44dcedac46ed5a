"""Builds the stages and runs batches: ingest -> clean -> nlp -> extract.

`Pipeline.process` turns a stream of Documents (and already-rejected inputs) into
batches of `Extraction | Rejected`, in input order. Storing and story clustering
happen in the runner (`run/local.py`), so the same pipeline serves `dateline run`,
`dateline extract`, the Python API, the web upload and the Dask workers.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice

from .clean import clean_document
from .config import Settings
from .extract import Stage, check_chain, default_stages
from .ingest.storable import storable
from .nlp import load_nlp
from .records import Article, Document, Extraction, Rejected

log = logging.getLogger(__name__)


class Pipeline:
    def __init__(self, settings: Settings | None = None, stages: list[Stage] | None = None):
        self.settings = settings or Settings()
        self.stages = default_stages() if stages is None else stages
        check_chain(self.stages)

    @property
    def nlp(self):
        return load_nlp(self.settings.model, self.settings.max_token_run)

    def clean(self, doc: Document) -> Article | Rejected:
        doc = storable(doc)  # lone surrogates or NULs from an API caller would break hashing and storing
        try:
            return clean_document(doc, self.settings)
        except Exception as exc:  # a cleaner bug must not stop the batch; keep the reason
            log.exception("cleaning %s failed", doc.source)
            return Rejected(doc.id, doc.source, "internal_error", f"clean: {type(exc).__name__}: {exc}"[:500])

    def extract_articles(self, articles: list[Article]) -> list[Extraction]:
        """Run nlp.pipe once over the batch, then every stage on each article."""
        english = [a for a in articles if not a.skipped]
        docs = self._parse(english)
        out = []
        for article in articles:
            if article.skipped:
                out.append(Extraction(article=article))
                continue
            out.append(self.annotate(article, next(docs)))
        return out

    def _parse(self, articles: list[Article]) -> Iterator:
        """One parsed Doc per article, in order; nlp.pipe over runs of ordinary articles. An article
        longer than `max_parse_tokens` is parsed alone, in pieces cut at sentence starts and joined
        again, so the parser's memory (about 17 KB a token) stays bounded; same text, same offsets."""
        from spacy.tokens import Doc

        limit = self.settings.max_parse_tokens
        run: list = []
        for article in articles:
            doc = self._tokenize(article)
            if limit <= 0 or len(doc) <= limit:
                run.append(doc)
                continue
            yield from self.nlp.pipe(run, batch_size=self.settings.nlp_batch_size)
            run = []
            parts = list(self.nlp.pipe(_pieces(doc, limit), batch_size=1))
            joined = Doc.from_docs(parts, ensure_whitespace=False)
            yield joined if joined.text == article.text else self.nlp(doc)
        yield from self.nlp.pipe(run, batch_size=self.settings.nlp_batch_size)

    def _tokenize(self, article: Article):
        """The article's tokens, with the body starting a new sentence after the title even when
        only a line break separates them (so no sentence, and no span, runs across the two)."""
        doc = self.nlp.make_doc(article.text)
        if article.title_span is not None:
            for tok in doc:
                if tok.idx >= article.title_span.end and not tok.is_space:
                    tok.is_sent_start = True
                    break
        return doc

    def annotate(self, article: Article, doc) -> Extraction:
        extraction = Extraction(article=article)
        ran = []
        for stage in self.stages:
            try:
                value = stage(extraction, doc)
                ran.append(stage.name)
            except Exception as exc:  # one stage failing on one article leaves the rest intact
                log.warning("stage %s failed on %s: %s", stage.name, article.doc_id, exc, exc_info=True)
                value = ()
                ran.append(f"{stage.name}!{type(exc).__name__}")
            extraction = replace(extraction, **{stage.writes: value})
        return replace(extraction, stages=tuple(ran))

    def process(self, items: Iterable[Document | Rejected]) -> Iterator[list[Extraction | Rejected]]:
        """Batches of results in input order."""
        it = iter(items)
        while batch := list(islice(it, self.settings.batch_size)):
            cleaned = [self.clean(x) if isinstance(x, Document) else storable(x) for x in batch]
            articles = [x for x in cleaned if isinstance(x, Article)]
            extracted = iter(self.extract_articles(articles))
            yield [next(extracted) if isinstance(x, Article) else x for x in cleaned]

    def extract_one(self, doc: Document) -> Extraction | Rejected:
        return next(self.process([doc]))[0]


def _pieces(doc, limit: int) -> list:
    """`doc` (tokenized, not parsed) cut into Docs of at most `limit` tokens, each cut at a sentence
    start already marked or after a sentence-final token when there is one in the last half."""
    if limit <= 0 or len(doc) <= limit:
        return [doc]
    out, start = [], 0
    while len(doc) - start > limit:
        end = start + limit
        for j in range(end, start + limit // 2, -1):
            if doc[j].is_sent_start or doc[j - 1].text in (".", "!", "?", "\n\n") or doc[j - 1].is_space:
                end = j
                break
        out.append(doc[start:end].as_doc())
        start = end
    out.append(doc[start:].as_doc())
    for piece in out:
        piece[0].is_sent_start = True
    return out
