"""Atom feeds (RFC 4287): the study days, the recommendations, and the recommendations of each
museum function, under /flux/.

Built as XML elements (lxml), so that every data string is escaped by construction. An entry's id
is its permalink, and its dates come from the data (a day's date; the date a recommendation was
withdrawn or replaced), never from the build: two builds give the same bytes.
"""

from __future__ import annotations

import datetime
import re

from lxml import etree

from actes.convert import plain_text
from actes.corpus import Corpus, Day, FunctionEntry, RecommendationEntry
from actes.french import long_date, plural
from actes.outputs.site import SiteInfo
from actes.urls import file_url, page_url

FOLDER = "flux"
# A feed announces what is new: the recommendation feeds hold the newest entries only (a reader
# polls the whole file; 1,000 entries weighed 2.6 MB). Every recommendation stays in the open data.
# The days feed holds every day.
RECOMMENDATION_ENTRIES = 100
DAYS_FEED = f"{FOLDER}/journees.atom"
RECOMMENDATIONS_FEED = f"{FOLDER}/recommandations.atom"
ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA_TYPE = "application/atom+xml"


def function_feed(function_id: str) -> str:
    return f"{FOLDER}/fonctions/{function_id}.atom"


def _timestamp(day: datetime.date) -> str:
    """RFC 3339, as Atom's date constructs require: midnight UTC of the day."""
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent, tag: str, text: str | None = None, **attributes) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM}}}{tag}", {k: v for k, v in attributes.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def _xhtml(parent, tag: str, text: str | None = None, **attributes) -> etree._Element:
    element = etree.SubElement(parent, f"{{{XHTML}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _link(parent, href: str, text: str, tail: str | None = None) -> None:
    """A link; `tail` is the text after it (mixed content, which pretty printing leaves as is)."""
    _xhtml(parent, "a", text, href=href).tail = tail


def _content(entry) -> etree._Element:
    """The entry's content as XHTML: its div, in XHTML's namespace by default."""
    content = _add(entry, "content", type="xhtml")
    return etree.SubElement(content, f"{{{XHTML}}}div", nsmap={None: XHTML})


def _feed(site: SiteInfo, path: str, title: str, subtitle: str, alternate: str,
          entries: list[tuple[datetime.date, etree._Element]], fallback: datetime.date) -> str:
    """A feed document; `entries` are (updated, entry element), newest first; `fallback` dates an empty feed."""
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    feed.set(XML_LANG, "fr")
    _add(feed, "id", file_url(site.url, path))
    _add(feed, "title", title)
    _add(feed, "subtitle", subtitle)
    _add(feed, "updated", _timestamp(max((updated for updated, _ in entries), default=fallback)))
    _add(feed, "link", rel="self", type=MEDIA_TYPE, href=file_url(site.url, path))
    _add(feed, "link", rel="alternate", type="text/html", href=alternate)
    author = _add(feed, "author")
    _add(author, "name", site.publisher)
    _add(feed, "rights", "Licence Ouverte / Open Licence version 2.0")
    for _, entry in entries:
        feed.append(entry)
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True).decode("utf-8")


def _day_entry(day: Day, site: SiteInfo) -> etree._Element:
    model = day.model
    entry = etree.Element(f"{{{ATOM}}}entry")
    url = page_url(site.url, day.index_uri)
    _add(entry, "id", url)
    _add(entry, "title", model.title)
    _add(entry, "published", _timestamp(model.date))
    _add(entry, "updated", _timestamp(model.date))
    _add(entry, "link", rel="alternate", type="text/html", href=url)
    author = _add(entry, "author")
    _add(author, "name", model.organiser)
    _add(entry, "summary", f"{model.kind} du {long_date(model.date)}, {model.organiser}\u00a0: "
                           f"{plural(len(day.transcripts), 'intervention')}, "
                           f"{plural(len(day.recommendations), 'recommandation')}.")
    body = _content(entry)
    if model.note:
        _xhtml(body, "p", model.note)
    _xhtml(body, "h2", "Interventions")
    talks = _xhtml(body, "ul")
    for transcript in day.transcripts:
        names = ", ".join(speaker.full_name for speaker in transcript.intervention.speakers)
        _link(_xhtml(talks, "li"), page_url(site.url, transcript.docs_uri), transcript.intervention.title, f"\u00a0: {names}")
    _xhtml(body, "h2", "Recommandations")
    if day.recommendations:
        recommendations = _xhtml(body, "ul")
        for rec in day.recommendations:
            _link(_xhtml(recommendations, "li"), page_url(site.url, rec.uri), f"{rec.id} : {rec.model.title}")
    else:
        _xhtml(body, "p", "Aucune recommandation n'a encore été dégagée de cette journée.")
    return entry


def _recommendation_entry(rec: RecommendationEntry, corpus: Corpus, site: SiteInfo) -> etree._Element:
    model = rec.model
    entry = etree.Element(f"{{{ATOM}}}entry")
    url = page_url(site.url, rec.uri)
    passage_url = page_url(site.url, rec.transcript.docs_uri) + f"#{rec.id}"
    _add(entry, "id", url)
    _add(entry, "title", f"{rec.id} : {model.title}")
    _add(entry, "published", _timestamp(rec.day.model.date))
    _add(entry, "updated", _timestamp(rec.updated))
    _add(entry, "link", rel="alternate", type="text/html", href=url)
    _add(entry, "link", rel="related", type="text/html", href=passage_url, title="Passage de la transcription")
    # Who said the passage (its turn's speaker); a passage said from the floor: the intervention's speakers.
    for name in [person.name for person in rec.people] or [s.full_name for s in rec.transcript.intervention.speakers]:
        _add(_add(entry, "author"), "name", name)
    for function_id in model.functions:
        function = corpus.functions[function_id]
        _add(entry, "category", term=function_id, label=function.model.label,
             scheme=page_url(site.url, "fonctions/index.md"))
    _add(entry, "summary", model.statement)
    body = _content(entry)
    if model.status == "retirée":
        _xhtml(body, "p", f"Recommandation retirée le {long_date(model.status_date)}\u00a0: {model.reason}")
    elif model.status == "remplacée":
        replaced = _xhtml(body, "p", f"Recommandation remplacée le {long_date(model.status_date)} par ")
        _link(replaced, page_url(site.url, f"recommandations/{model.replaced_by}.md"), model.replaced_by,
              f". {model.reason}" if model.reason else ".")
    if rec.followed_by:
        _follow_ups(_xhtml(body, "p", "Reprise depuis par\u00a0: "), rec.followed_by, site)
    _xhtml(body, "p", model.statement)
    if rec.follows:
        _follow_ups(_xhtml(body, "p", "Elle reprend\u00a0: "), rec.follows, site)
    quote = _xhtml(body, "blockquote", cite=passage_url)
    _xhtml(quote, "p", plain_text(model.passage))
    source = _xhtml(body, "p")
    _link(source, passage_url, f"{rec.transcript.intervention.title}, § {rec.paragraph}", ", ")
    _link(source, page_url(site.url, rec.day.index_uri), f"{rec.day.model.title} ({long_date(rec.day.model.date)})")
    return entry


def _follow_ups(paragraph, recommendations: list[RecommendationEntry], site: SiteInfo) -> None:
    """In `paragraph`, a link to each recommendation with its day's date: « A (journée du …) ; B (…). »"""
    for number, other in enumerate(recommendations, start=1):
        ending = " ; " if number < len(recommendations) else "."
        _link(paragraph, page_url(site.url, other.uri), f"{other.id} : {other.model.title}",
              f" (journée du {long_date(other.day.model.date)}){ending}")


def _recommendation_entries(recommendations, corpus: Corpus, site: SiteInfo):
    """The newest RECOMMENDATION_ENTRIES recommendations, newest first (by date, then id)."""
    ordered = sorted(recommendations, key=lambda rec: (rec.updated, rec.id), reverse=True)[:RECOMMENDATION_ENTRIES]
    return [(rec.updated, _recommendation_entry(rec, corpus, site)) for rec in ordered]


def _function_feed(function: FunctionEntry, corpus: Corpus, site: SiteInfo) -> str:
    label = function.model.label
    return _feed(site, function_feed(function.id), f"{site.name} : recommandations, {label}",
                 f"Les recommandations qui concernent la fonction du musée «\u00a0{label}\u00a0».",
                 page_url(site.url, function.uri),
                 _recommendation_entries(function.recommendations, corpus, site), corpus.newest_date)


_FUNCTION_PAGE = re.compile(r"^/fonctions/([a-z0-9]+(?:-[a-z0-9]+)*)/$")


def moved_functions(corpus: Corpus) -> dict[str, str]:
    """Renamed functions, old id → new id, from the redirects of their pages (data/redirections.yml).
    A feed reader does not follow a page's redirect: a renamed function's feed stays served at its
    old address too, with the same content (its self link gives the new address)."""
    moved = {}
    for redirect in corpus.redirects:
        old, new = _FUNCTION_PAGE.match(redirect.source), _FUNCTION_PAGE.match(redirect.target)
        if old and new and new.group(1) in corpus.functions:
            moved[old.group(1)] = new.group(1)
    return moved


def files(corpus: Corpus, site: SiteInfo, written: dict | None = None) -> dict[str, str]:
    """Path (under the site) → content of every feed."""
    days = [(day.model.date, _day_entry(day, site)) for day in corpus.days]  # newest first
    written = {
        DAYS_FEED: _feed(site, DAYS_FEED, f"{site.name} : journées",
                         "Chaque journée professionnelle publiée, avec ses interventions et ses recommandations.",
                         page_url(site.url, "journees/index.md"), days, corpus.newest_date),
        RECOMMENDATIONS_FEED: _feed(site, RECOMMENDATIONS_FEED, f"{site.name} : recommandations",
                                    "Chaque recommandation publiée, retirée ou remplacée, avec les fonctions du "
                                    "musée qu'elle concerne.", page_url(site.url, "recommandations/index.md"),
                                    _recommendation_entries(corpus.recommendations.values(), corpus, site),
                                    corpus.newest_date),
    }
    for function in corpus.functions.values():
        written[function_feed(function.id)] = _function_feed(function, corpus, site)
    for old, new in moved_functions(corpus).items():
        written[function_feed(old)] = written[function_feed(new)]
    return written


def paths(corpus: Corpus) -> list[str]:
    """The paths `files` writes (for the permalink ledger)."""
    return [DAYS_FEED, RECOMMENDATIONS_FEED, *(function_feed(function_id) for function_id in corpus.functions),
            *(function_feed(old) for old in moved_functions(corpus))]
