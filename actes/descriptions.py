"""What each page is about, in one or two sentences drawn from the data: its meta description,
its Open Graph and Twitter cards, and the abstract of its citation where one fits."""

from __future__ import annotations

from actes.corpus import Corpus, Day, TranscriptEntry, recommendations_year_uri
from actes.french import long_date, plural

# Search engines show about 160 characters; an abstract may be longer, a description is cut.
OPENING_LENGTH = 300


def _cut(text: str, limit: int) -> str:
    """`text` up to `limit` characters, cut at a word and marked « … » when shortened."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "\u00a0…"


def transcript_opening(entry: TranscriptEntry) -> str:
    """The first words of a transcript: its description, and its citation's abstract."""
    paragraphs = [block.plain for block in entry.transcript.paragraphs if block.plain.strip()]
    return _cut(" ".join(paragraphs[:2]), OPENING_LENGTH) if paragraphs else entry.intervention.title


def day_summary(day: Day) -> str:
    """A day's summary: its own (`summary` in journee.yml), else what it holds."""
    model = day.model
    if model.summary:
        return model.summary
    talks = len(day.transcripts)
    return (f"{model.kind} du {long_date(model.date)}. Organisation\u00a0: {model.organiser}. Actes\u00a0: "
            f"{plural(talks, 'intervention')} transcrite{'s' if talks > 1 else ''} et "
            f"{plural(len(day.recommendations), 'recommandation')}.")


def page_descriptions(corpus: Corpus) -> dict[str, str]:
    """The description of every page built from the data and of every transcript, by Markdown source
    URI. Editorial pages (docs/*.md) give theirs in their front matter."""
    years = sorted({day.model.date.year for day in corpus.days})
    span = f"de {years[0]} à {years[-1]}" if len(years) > 1 else (f"de {years[0]}" if years else "")
    described = {
        "journees/index.md": f"Les journées professionnelles des musées {span}, année par année\u00a0: leur programme, "
                             "leurs interventions et leurs transcriptions.",
        "recommandations/index.md": f"Les {plural(len(corpus.recommendations), 'recommandation')} des journées "
                                    "professionnelles des musées, année par année, chacune avec son passage cité.",
        "fonctions/index.md": "Les fonctions du musée (médiation, billetterie, ressources humaines…) et les "
                              "recommandations qui concernent chacune.",
    }
    for day in corpus.days:
        described[day.index_uri] = day_summary(day)
        for entry in day.transcripts:
            described[entry.docs_uri] = transcript_opening(entry)
    for rec in corpus.recommendations.values():
        described[rec.uri] = rec.model.statement
    for year, recommendations in corpus.recommendations_by_year.items():
        described[recommendations_year_uri(year)] = (
            f"Les {plural(len(recommendations), 'recommandation')} des journées professionnelles de {year}, avec "
            "les fonctions du musée qu'elles concernent.")
    described["intervenants/index.md"] = ("Les personnes qui ont pris la parole aux journées professionnelles des "
                                          "musées, par ordre alphabétique, avec leurs rôles.")
    for person in corpus.people.values():
        where = ", ".join(dict.fromkeys(f"{part.transcript.intervention.title} ({long_date(part.day.model.date)})"
                                        for part in person.parts))
        roles = f", {person.roles[0]}" if person.roles else ""
        described[person.uri] = f"{person.name}{roles}\u00a0: ses prises de parole et les recommandations tirées de ses propos. {where}."
    for function in corpus.functions.values():
        label = function.model.label
        described[function.uri] = function.model.definition
        for year in function.mentions_by_year:
            described[function.year_uri(year)] = (f"Les passages des transcriptions de {year} qui mentionnent la "
                                                  f"fonction du musée «\u00a0{label}\u00a0».")
    return described
