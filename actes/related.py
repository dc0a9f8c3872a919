"""Passages of other days close to a recommendation (« Passages proches dans d'autres journées »).

Each paragraph of each transcript, of at least MIN_WORDS words, is a document; a recommendation's
query is its title, its statement and its passage. Both are weighed by TF-IDF over stemmed French
words (Snowball's French stemmer, PyStemmer; the words of Snowball's French stop list left out):
a term's weight is (1 + log of its count) × its smoothed inverse document frequency, and each vector
has length 1, so a score is a cosine between 0 and 1. The passages shown are the best of other days
scoring at least MIN_SCORE, at most MAX_PASSAGES, ties broken by the order of the corpus: the same
data gives the same passages, offline, on any machine.

The index of the paragraphs is what costs (stemming every word of every day): it is stored in the
disk cache under a digest of what the paragraphs come from, so it is computed once per change of
the transcripts. The answers (passages and excerpts) are kept by that digest and by query, in
memory for the preview's reloads and in the disk cache for the next build: a recommendation edited
or added costs its own query, a build that changed nothing costs a lookup.

Quality is measured on pairs judged by reading (tests/fixtures/suites/pertinence.yml): `make bench`
reports the precision at 3 (bench/related.py).
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import Stemmer

from actes import disk_cache
from actes.people import turn_at, paragraph_people

if TYPE_CHECKING:
    from actes.corpus import Corpus, Day, RecommendationEntry, TranscriptEntry
    from actes.people import PersonEntry, TurnEntry

MAX_PASSAGES = 3
# Below this cosine, what two texts share is mostly a word or two of the trade (« musée »,
# « projet »): on the pairs judged by reading, 0.15 keeps 7 relevant passages of 9 shown, 0.10
# would show 19 more, 1 of them relevant (bench/related.py prints the curve).
MIN_SCORE = 0.15
# Shorter paragraphs (greetings, a moderator's question, « Je cède la parole… ») say too little.
MIN_WORDS = 20
# An excerpt longer than this shows the paragraph's sentence closest to the recommendation.
EXCERPT_WORDS = 60

# Snowball's French stop list (snowballstem.org, BSD licence), with the forms of « être » and
# « avoir » it lists, and the elided pronouns and articles a split at the apostrophe leaves.
STOP_WORDS = frozenset("""
au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me même mes moi mon ne
nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l
à m n s t y été étée étées étés étant étante étants étantes suis es est sommes êtes sont serai seras sera serons
serez seront serais serait serions seriez seraient étais était étions étiez étaient fus fut fûmes fûtes furent
sois soit soyons soyez soient fusse fusses fût fussions fussiez fussent ayant ayante ayantes ayants eu eue eues
eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait
avions aviez avaient eut eûmes eûtes eurent aie aies ait ayons ayez aient eusse eusses eût eussions eussiez
eussent ceci cela celà cet cette ici ils les leurs quel quels quelle quelles sans soi
""".split())
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"(\[]?\s?[^\W\d_])")

Key = tuple[str, str, int]  # (day's folder, intervention id, § number)


@functools.cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("french")


def terms(text: str) -> list[str]:
    """The stems of a text's words, stop words and words of one or two letters left out."""
    words = [word for word in _WORD.findall(text.casefold()) if len(word) > 2 and word not in STOP_WORDS]
    return _stemmer().stemWords(words)


@dataclass
class Index:
    """The paragraphs' TF-IDF vectors, by term: the documents holding term t are
    docs[offsets[t]:offsets[t + 1]], with their weights."""

    keys: list[Key]
    vocabulary: dict[str, int]
    idf: np.ndarray
    offsets: np.ndarray
    docs: np.ndarray
    weights: np.ndarray

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """A text's vector over the index's terms (terms it does not know weigh nothing): terms, weights."""
        counts = Counter(term for term in terms(text) if term in self.vocabulary)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        ids = np.array([self.vocabulary[term] for term in counts], dtype=np.int64)
        weights = np.array([1 + math.log(count) for count in counts.values()]) * self.idf[ids]
        return ids, weights / np.linalg.norm(weights)

    def scores(self, text: str) -> np.ndarray:
        """The cosine of `text` with every document, in the order of `keys`."""
        ids, weights = self.vector(text)
        if not len(ids):
            return np.zeros(len(self.keys))
        spans = [slice(self.offsets[term], self.offsets[term + 1]) for term in ids]
        docs = np.concatenate([self.docs[span] for span in spans])
        products = np.concatenate([self.weights[span] * weight for span, weight in zip(spans, weights)])
        return np.bincount(docs, weights=products, minlength=len(self.keys))


def build_index(documents: list[tuple[Key, str]]) -> Index:
    counts = [Counter(terms(text)) for _, text in documents]
    frequency: Counter = Counter()
    for document in counts:
        frequency.update(document.keys())
    vocabulary = {term: number for number, term in enumerate(sorted(frequency))}
    total = len(documents)
    idf = np.array([math.log((1 + total) / (1 + frequency[term])) + 1 for term in sorted(frequency)])
    rows, columns, values = [], [], []
    for number, document in enumerate(counts):
        if not document:
            continue
        ids = [vocabulary[term] for term in document]
        weights = np.array([1 + math.log(count) for count in document.values()]) * idf[ids]
        rows += ids
        columns += [number] * len(ids)
        values.append(weights / np.linalg.norm(weights))
    rows_array = np.array(rows, dtype=np.int64)
    order = np.lexsort((np.array(columns, dtype=np.int64), rows_array))
    offsets = np.concatenate([[0], np.cumsum(np.bincount(rows_array, minlength=len(vocabulary)))])
    return Index([key for key, _ in documents], vocabulary, idf, offsets,
                 np.array(columns, dtype=np.int64)[order],
                 (np.concatenate(values) if values else np.zeros(0))[order])


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    day: str  # the day's folder: its own paragraphs are never proposed
    excluded: tuple = ()  # keys already linked (the passages of what it takes up, or of what takes it up)


def nearest(index: Index, queries: list[Query], min_score: float = MIN_SCORE,
            max_passages: int = MAX_PASSAGES) -> dict[str, list[tuple[Key, float]]]:
    """For each query, the best documents of other days (key, score), best first."""
    day_numbers: dict[str, int] = {}
    days = np.array([day_numbers.setdefault(key[0], len(day_numbers)) for key in index.keys], dtype=np.int64)
    position = {key: number for number, key in enumerate(index.keys)}
    found = {}
    for query in queries:
        scores = index.scores(query.text)
        scores[days == day_numbers.get(query.day, -1)] = 0.0
        for key in query.excluded:
            if key in position:
                scores[position[key]] = 0.0
        if not len(scores) or not max_passages:
            found[query.id] = []
            continue
        # The few that can rank (a partition, not a sort of every paragraph), rounded so that two
        # sums of the same weights in another order rank alike, then ordered by score and corpus order.
        kth = np.partition(scores, -min(max_passages, len(scores)))[-min(max_passages, len(scores))]
        candidates = np.flatnonzero(scores >= max(kth, min_score) - 1e-9)
        rounded = np.round(scores[candidates], 9)
        kept = rounded >= min_score
        candidates, rounded = candidates[kept], rounded[kept]
        best = np.lexsort((candidates, -rounded))[:max_passages]
        found[query.id] = [(index.keys[candidates[number]], float(rounded[number])) for number in best]
    return found


def _digest(items) -> bytes:
    digest = hashlib.sha256()
    for item in items:
        data = repr(item).encode()
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.digest()


# Answers (passages and their excerpts) by the digest of the paragraphs, then by query, in memory
# and in the disk cache: a reload or a build that changed no transcript computes only the queries
# it has not met (a recommendation edited or added); one that changed nothing computes nothing.
_ANSWERS: dict[bytes, dict] = {}
_INDEXES: dict[bytes, Index] = {}


def documents(corpus: "Corpus") -> list[tuple[Key, str]]:
    """Every paragraph long enough to say something, in the corpus order (newest day first)."""
    found = []
    for day in corpus.days:
        for entry in day.transcripts:
            for number, block in enumerate(entry.transcript.paragraphs, start=1):
                if len(block.plain.split()) >= MIN_WORDS:
                    found.append(((day.slug, entry.intervention.id, number), block.plain))
    return found


def transcripts_read(corpus: "Corpus") -> list[tuple]:
    """What the paragraphs come from: each transcript's day, intervention and source's digest (its
    conversion is a function of those and of the package's code, which the disk cache's key holds).
    Cheaper to digest than the paragraphs themselves, at every reload of the preview."""
    return [(day.slug, repr(entry.intervention), entry.source_digest) for day in corpus.days for entry in day.transcripts]


def passage_key(rec: "RecommendationEntry") -> Key:
    return rec.day.slug, rec.model.intervention, rec.paragraph


def queries(corpus: "Corpus") -> list[Query]:
    found = []
    for rec in corpus.recommendations.values():
        # Sorted: the queries' digest keys the disk cache, and a set's order changes with each process.
        linked = tuple(sorted({passage_key(other) for other in rec.follows + rec.followed_by}))
        text = "\n".join([rec.model.title, rec.model.statement, rec.model.passage])
        found.append(Query(rec.id, text, rec.day.slug, linked))
    return found


def index_of(corpus_documents: list[tuple[Key, str]], digest: bytes) -> Index:
    if digest not in _INDEXES:
        _INDEXES.clear()
        _INDEXES[digest] = disk_cache.cached("related-index", (digest,), lambda: build_index(corpus_documents))
    return _INDEXES[digest]


Answer = tuple[Key, float, str, bool, bool]  # the passage, its score, its excerpt, cut before, cut after


def answers(corpus: "Corpus") -> dict[str, list[Answer]]:
    """Each recommendation's related passages with their excerpts, from the caches when they hold them."""
    all_queries = queries(corpus)
    digest = _digest(transcripts_read(corpus))
    known = _ANSWERS.get(digest)
    if known is None:
        stored = disk_cache.load("related-answers", (digest,))
        known = stored if isinstance(stored, dict) else {}
    missing = [query for query in all_queries if query not in known]
    if missing:
        corpus_documents = documents(corpus)
        index = index_of(corpus_documents, digest)
        texts = dict(corpus_documents)
        best = nearest(index, missing)
        known = {query: known[query] for query in all_queries if query in known}  # what no longer exists goes
        for query in missing:
            known[query] = [(hit, score, *excerpt(index, query.text, texts[hit])) for hit, score in best[query.id]]
        disk_cache.store("related-answers", (digest,), known)
    _ANSWERS.clear()
    _ANSWERS[digest] = known
    return {query.id: known[query] for query in all_queries}


@dataclass
class RelatedPassage:
    """A paragraph of another day close to a recommendation, as its page shows it."""

    day: "Day"
    transcript: "TranscriptEntry"
    paragraph: int
    score: float
    excerpt: str
    cut_before: bool  # the excerpt is a sentence from within the paragraph
    cut_after: bool
    turn: "TurnEntry | None" = None
    people: list["PersonEntry"] = field(default_factory=list)  # who said it; none: the floor

    @property
    def anchor(self) -> str:
        return f"p{self.paragraph}"


def excerpt(index: Index, query: str, paragraph: str) -> tuple[str, bool, bool]:
    """The paragraph, or when it is long its sentence closest to the query: text, cut before, cut after."""
    if len(paragraph.split()) <= EXCERPT_WORDS:
        return paragraph, False, False
    sentences = _SENTENCE_END.split(paragraph)
    ids, weights = index.vector(query)
    wanted = dict(zip(ids.tolist(), weights.tolist()))
    scores = []
    for sentence in sentences:
        ids_b, weights_b = index.vector(sentence)
        scores.append(sum(wanted.get(term, 0.0) * weight for term, weight in zip(ids_b.tolist(), weights_b.tolist())))
    best = max(range(len(sentences)), key=lambda number: (round(scores[number], 9), -number))
    return sentences[best], best > 0, best < len(sentences) - 1


def related_passages(corpus: "Corpus") -> dict[str, list[RelatedPassage]]:
    """Each recommendation's related passages (an empty list when none is close enough)."""
    found = {}
    for rec_id, hits in answers(corpus).items():
        passages = []
        for (day_slug, intervention_id, number), score, text, before, after in hits:
            day = corpus.days_by_slug[day_slug]
            entry = day.transcripts_by_id[intervention_id]
            turn = turn_at(entry, number)
            passages.append(RelatedPassage(day, entry, number, score, text, before, after, turn,
                                           paragraph_people(entry, turn, corpus.people)))
        found[rec_id] = passages
    return found
