"""The open data package under /donnees/: one CSV and one JSON file per table, a Table Schema per
table (conventions of schema.data.gouv.fr), a Data Package v2 descriptor tying them together, and a
DCAT catalogue (JSON-LD) for data portals.

Every value comes from the data; no build time appears anywhere: two builds of the same data give
the same bytes.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
from dataclasses import dataclass
from typing import Callable, Iterable

from actes.convert import plain_text
from actes.corpus import Corpus
from actes.french import long_date
from actes.outputs import pdf
from actes.outputs.site import SiteInfo
from actes.urls import file_url, page_url

FOLDER = "donnees"
PAGE_URI = "donnees/index.md"
PACKAGE_NAME = "actes-journees-professionnelles-musees"
PACKAGE_TITLE = "Actes des journées professionnelles des musées : recommandations et fonctions du musée"
PACKAGE_DESCRIPTION = (
    "Les journées professionnelles organisées pour les professionnels des musées de France, leurs "
    "interventions et leurs intervenants, les recommandations qui s'en dégagent, chacune avec le passage "
    "de la transcription sur lequel elle repose, celles de journées antérieures qu'elles reprennent, et les "
    "fonctions du musée qu'elles concernent.")
KEYWORDS = ("musées", "journées professionnelles", "recommandations", "fonctions du musée", "numérique")
# The version of the schemas: a change of columns is a new version (semantic versioning).
SCHEMA_VERSION = "1.2.0"
SCHEMA_CREATED = "2026-11-29"
# When the schemas last changed: 1.1.0 added the people and the speaker turns, 1.2.0 the
# follow-ups of recommendations across days (table reprises).
SCHEMA_MODIFIED = "2026-12-07"
LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
# Several values in one cell (keywords, terms) are separated by this.
LIST_SEPARATOR = " ; "
RECOMMENDATION_ID = r"^[A-Z]{2,4}[0-9]{4}-[0-9]{2}$"
DAY_SLUG = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Media types for DCAT (IANA's registry) and the labels the page shows.
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}


@dataclass(frozen=True)
class Column:
    """One column of a table, as its Table Schema field says it."""

    name: str
    type: str  # Table Schema type: string, integer, date
    description: str
    example: str
    required: bool = True
    unique: bool = False
    pattern: str | None = None
    enum: tuple[str, ...] | None = None
    minimum: int | None = None
    format: str | None = None

    def example_at(self, site_url: str) -> str:
        """The example, an address (format uri, written as a site path) on the site's own address."""
        if self.format == "uri" and self.example.startswith("/"):
            return site_url.rstrip("/") + self.example
        return self.example

    def field(self, site_url: str) -> dict:
        field = {"name": self.name, "description": self.description, "example": self.example_at(site_url),
                 "type": self.type}
        if self.format:
            field["format"] = self.format
        constraints: dict = {"required": self.required}
        if self.unique:
            constraints["unique"] = True
        if self.pattern:
            constraints["pattern"] = self.pattern
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        field["constraints"] = constraints
        return field


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    table: str  # "" for the table itself
    columns: tuple[str, ...]

    def descriptor(self) -> dict:
        return {"fields": list(self.fields), "reference": {"resource": self.table, "fields": list(self.columns)}}


@dataclass(frozen=True)
class Table:
    """One resource of the package: its columns, keys, and how its rows come from the corpus."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    rows: Callable[[Corpus, SiteInfo], Iterable[tuple]]  # values in the columns' order
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def csv_path(self) -> str:
        return f"{FOLDER}/{self.name}.csv"

    @property
    def json_path(self) -> str:
        return f"{FOLDER}/{self.name}.json"

    @property
    def schema_path(self) -> str:
        return f"{FOLDER}/schemas/{self.name}.json"


def _day_rows(corpus: Corpus, site: SiteInfo):
    for day in corpus.days:
        model = day.model
        yield (day.slug, model.title, model.kind, model.date, model.organiser, model.prefix, model.note,
               len(day.transcripts), len(day.recommendations), page_url(site.url, day.index_uri))


def _intervention_rows(corpus: Corpus, site: SiteInfo):
    for day in corpus.days:
        for order, entry in enumerate(day.transcripts, start=1):
            yield (day.slug, entry.intervention.id, order, entry.intervention.title,
                   len(entry.transcript.paragraphs), len(entry.recommendations), page_url(site.url, entry.docs_uri))


def _speaker_rows(corpus: Corpus, site: SiteInfo):
    for day in corpus.days:
        for entry in day.transcripts:
            for order, speaker in enumerate(entry.intervention.speakers, start=1):
                yield (day.slug, entry.intervention.id, order, speaker.civility, speaker.given, speaker.family,
                       speaker.role, speaker.person, speaker.part)


def _person_rows(corpus: Corpus, site: SiteInfo):
    for person in corpus.people.values():
        yield (person.id, person.civility, person.given, person.family, len(person.parts), len(person.turns),
               len(person.recommendations), page_url(site.url, person.uri))


def _turn_rows(corpus: Corpus, site: SiteInfo):
    for day in corpus.days:
        for entry in day.transcripts:
            for order, turn in enumerate(entry.turn_entries, start=1):
                yield (day.slug, entry.intervention.id, order, turn.person.id if turn.person else None,
                       "salle" if turn.floor else turn.part, turn.label or None, turn.first, turn.last, turn.words,
                       page_url(site.url, entry.docs_uri) + f"#{turn.anchor}")


def _recommendation_rows(corpus: Corpus, site: SiteInfo):
    for day in corpus.days:
        for rec in day.recommendations:
            model = rec.model
            passage_url = page_url(site.url, rec.transcript.docs_uri) + f"#{rec.id}"
            yield (rec.id, day.slug, model.intervention, model.title, model.statement, plain_text(model.passage),
                   rec.paragraph, passage_url, model.status, model.status_date, model.reason, model.replaced_by,
                   LIST_SEPARATOR.join(model.keywords) or None, page_url(site.url, rec.uri))


def _recommendation_function_rows(corpus: Corpus, site: SiteInfo):
    for day in corpus.days:
        for rec in day.recommendations:
            for function_id in rec.model.functions:
                yield rec.id, function_id


def _follow_rows(corpus: Corpus, site: SiteInfo):
    for day in corpus.days:
        for rec in day.recommendations:
            for earlier in rec.follows:
                yield rec.id, earlier.id


def _function_rows(corpus: Corpus, site: SiteInfo):
    for function in corpus.functions.values():
        model = function.model
        yield (model.id, model.label, model.definition, LIST_SEPARATOR.join(model.terms) or None,
               len(function.recommendations), page_url(site.url, function.uri))


_URL = "Permalien de la page sur le site des actes."
# The day a row belongs to, in every table below the days.
_DAY_COLUMN = Column("journee", "string", "Identifiant de la journée (table journees).",
                     "2018-10-05-strategie-numerique", pattern=DAY_SLUG)

TABLES: tuple[Table, ...] = (
    Table(
        "journees", "Journées professionnelles",
        "Une ligne par journée professionnelle : son titre, sa date, son organisateur.",
        (
            Column("identifiant", "string", "Identifiant de la journée : sa date ISO et un titre court. Il figure dans "
                   "l'adresse de sa page.", "2018-10-05-strategie-numerique", unique=True, pattern=DAY_SLUG),
            Column("titre", "string", "Titre de la journée.", "La stratégie du numérique dans les musées"),
            Column("type", "string", "Nature de la rencontre.", "Journée professionnelle"),
            Column("date", "date", "Date de la journée (AAAA-MM-JJ).", "2018-10-05"),
            Column("organisateur", "string", "Organisateur de la journée, tel que le nomment ses actes.",
                   "Service des musées de France, direction générale des patrimoines, ministère de la Culture"),
            Column("prefixe", "string", "Préfixe des identifiants des recommandations de la journée.", "SN2018",
                   unique=True, pattern=r"^[A-Z]{2,4}[0-9]{4}$"),
            Column("note", "string", "Note éditoriale sur la journée ou ses sources (vide s'il n'y en a pas).",
                   "Seule la conclusion de la journée est disponible.", required=False),
            Column("nombre_interventions", "integer", "Nombre d'interventions transcrites.", "1", minimum=0),
            Column("nombre_recommandations", "integer", "Nombre de recommandations dégagées de la journée.", "8",
                   minimum=0),
            Column("url", "string", _URL, "/journees/2018-10-05-strategie-numerique/",
                   unique=True, format="uri"),
        ),
        ("identifiant",), _day_rows,
    ),
    Table(
        "interventions", "Interventions",
        "Une ligne par intervention transcrite d'une journée.",
        (
            _DAY_COLUMN,
            Column("identifiant", "string", "Identifiant de l'intervention dans sa journée.", "conclusion",
                   pattern=SLUG),
            Column("ordre", "integer", "Rang de l'intervention dans la journée, à partir de 1.", "1", minimum=1),
            Column("titre", "string", "Titre de l'intervention.", "Conclusion de la journée"),
            Column("nombre_paragraphes", "integer", "Nombre de paragraphes de la transcription (ancres #p1, #p2…).",
                   "9", minimum=0),
            Column("nombre_recommandations", "integer", "Nombre de recommandations qui reposent sur un passage de "
                   "l'intervention.", "8", minimum=0),
            Column("url", "string", "Permalien de la transcription.",
                   "/journees/2018-10-05-strategie-numerique/conclusion/", unique=True,
                   format="uri"),
        ),
        ("journee", "identifiant"), _intervention_rows,
        (ForeignKey(("journee",), "journees", ("identifiant",)),),
    ),
    Table(
        "intervenants", "Intervenants",
        "Une ligne par intervenant d'une intervention, dans l'ordre où les actes les nomment.",
        (
            _DAY_COLUMN,
            Column("intervention", "string", "Identifiant de l'intervention dans sa journée (table interventions).",
                   "conclusion", pattern=SLUG),
            Column("ordre", "integer", "Rang de l'intervenant dans l'intervention, à partir de 1.", "1", minimum=1),
            Column("civilite", "string", "Civilité, si les actes la donnent.", "Mme", required=False),
            Column("prenom", "string", "Prénom, si les actes le donnent.", "Blandine", required=False),
            Column("nom", "string", "Nom de famille.", "Chavanne"),
            Column("qualite", "string", "Fonction ou qualité de l'intervenant à la date de la journée, si les actes "
                   "la donnent.", "cheffe du Service des musées de France par intérim", required=False),
            Column("personne", "string", "Identifiant de la personne, le même d'une journée à l'autre.",
                   "blandine-chavanne", pattern=SLUG),
            Column("role", "string", "Rôle dans l'intervention : intervention, modération ou présidence.",
                   "intervention", enum=("intervention", "modération", "présidence")),
        ),
        ("journee", "intervention", "ordre"), _speaker_rows,
        (ForeignKey(("journee", "intervention"), "interventions", ("journee", "identifiant")),
         ForeignKey(("personne",), "personnes", ("identifiant",))),
    ),
    Table(
        "personnes", "Personnes",
        "Une ligne par personne nommée dans les actes, la même d'une journée à l'autre ; ses rôles à chaque "
        "intervention sont dans la table intervenants.",
        (
            Column("identifiant", "string", "Identifiant stable de la personne ; il figure dans l'adresse de sa page.",
                   "blandine-chavanne", unique=True, pattern=SLUG),
            Column("civilite", "string", "Civilité, si les actes la donnent.", "Mme", required=False),
            Column("prenom", "string", "Prénom, si les actes le donnent.", "Blandine", required=False),
            Column("nom", "string", "Nom de famille.", "Chavanne"),
            Column("nombre_interventions", "integer", "Nombre d'interventions auxquelles elle a pris part.", "1",
                   minimum=1),
            Column("nombre_tours", "integer", "Nombre de ses prises de parole dans les tables rondes (table tours).",
                   "0", minimum=0),
            Column("nombre_recommandations", "integer", "Nombre de recommandations tirées de ses propos.", "8",
                   minimum=0),
            Column("url", "string", "Permalien de la page de la personne.", "/intervenants/blandine-chavanne/",
                   unique=True, format="uri"),
        ),
        ("identifiant",), _person_rows,
    ),
    Table(
        "tours", "Tours de parole",
        "Une ligne par tour de parole d'une intervention à plusieurs voix (table ronde, échanges avec la salle) : "
        "qui parle, l'étiquette imprimée qui l'ouvre, ses paragraphes.",
        (
            _DAY_COLUMN,
            Column("intervention", "string", "Identifiant de l'intervention dans sa journée (table interventions).",
                   "premiere-table-ronde", pattern=SLUG),
            Column("ordre", "integer", "Rang du tour dans l'intervention, à partir de 1.", "1", minimum=1),
            Column("personne", "string", "Identifiant de la personne qui parle (table personnes) ; vide pour une "
                   "personne de la salle, que les actes ne nomment pas.", "yann-le-goff", required=False,
                   pattern=SLUG),
            Column("role", "string", "Rôle de qui parle : intervention, modération, présidence, ou salle.",
                   "modération", enum=("intervention", "modération", "présidence", "salle")),
            Column("etiquette", "string", "L'étiquette qui ouvre le tour, telle qu'imprimée (vide si un tour que "
                   "la lecture n'avait pas vu n'en a pas).", "M. Yann Le Goff.", required=False),
            Column("premier_paragraphe", "integer", "Numéro du premier paragraphe du tour (§).", "1", minimum=1),
            Column("dernier_paragraphe", "integer", "Numéro du dernier paragraphe du tour (§).", "1", minimum=1),
            Column("nombre_mots", "integer", "Nombre de mots du tour, étiquette non comprise.", "32", minimum=0),
            Column("url", "string", "Permalien du tour de parole dans la transcription.",
                   "/journees/2030-03-14-musees-hors-murs/premiere-table-ronde/#t1", unique=True, format="uri"),
        ),
        ("journee", "intervention", "ordre"), _turn_rows,
        (ForeignKey(("journee", "intervention"), "interventions", ("journee", "identifiant")),
         ForeignKey(("personne",), "personnes", ("identifiant",))),
    ),
    Table(
        "recommandations", "Recommandations",
        "Une ligne par recommandation : son énoncé, le passage cité mot pour mot sur lequel elle repose, "
        "son statut. Une recommandation n'est jamais supprimée : elle est retirée ou remplacée.",
        (
            Column("identifiant", "string", "Identifiant stable de la recommandation, jamais réutilisé : préfixe de "
                   "la journée, tiret, numéro à deux chiffres.", "SN2018-03", unique=True, pattern=RECOMMENDATION_ID),
            _DAY_COLUMN,
            Column("intervention", "string", "Identifiant de l'intervention où figure le passage (table "
                   "interventions).", "conclusion", pattern=SLUG),
            Column("titre", "string", "Titre court de la recommandation.",
                   "Penser le numérique dans toutes les fonctions du musée"),
            Column("enonce", "string", "Énoncé de la recommandation.",
                   "Le numérique est présent dans tous les aspects du musée."),
            Column("passage", "string", "Passage de la transcription, cité mot pour mot, sur lequel repose la "
                   "recommandation.", "Le numérique est désormais présent dans tous les aspects du musée"),
            Column("paragraphe", "integer", "Numéro du paragraphe de la transcription qui contient le passage (§).",
                   "4", minimum=1),
            Column("url_passage", "string", "Adresse du passage, surligné dans la transcription.",
                   "/journees/2018-10-05-strategie-numerique/conclusion/#SN2018-03",
                   unique=True, format="uri"),
            Column("statut", "string", "Statut de la recommandation.", "publiée",
                   enum=("publiée", "retirée", "remplacée")),
            Column("date_statut", "date", "Date du retrait ou du remplacement (vide pour une recommandation publiée).",
                   "2025-03-01", required=False),
            Column("motif", "string", "Motif du retrait ou du remplacement, s'il y en a un.",
                   "Fusionnée avec SN2018-01.", required=False),
            Column("remplacee_par", "string", "Identifiant de la recommandation qui la remplace (vide sinon).",
                   "SN2018-01", required=False, pattern=RECOMMENDATION_ID),
            Column("mots_cles", "string", f"Mots-clés, séparés par « {LIST_SEPARATOR.strip()} ».",
                   "fonctions du musée ; approche globale", required=False),
            Column("url", "string", "Permalien de la recommandation.",
                   "/recommandations/SN2018-03/", unique=True, format="uri"),
        ),
        ("identifiant",), _recommendation_rows,
        (ForeignKey(("journee",), "journees", ("identifiant",)),
         ForeignKey(("journee", "intervention"), "interventions", ("journee", "identifiant")),
         ForeignKey(("remplacee_par",), "", ("identifiant",))),
    ),
    Table(
        "recommandations_fonctions", "Recommandations par fonction du musée",
        "Une ligne par recommandation et par fonction du musée qu'elle concerne.",
        (
            Column("recommandation", "string", "Identifiant de la recommandation (table recommandations).",
                   "SN2018-03", pattern=RECOMMENDATION_ID),
            Column("fonction", "string", "Identifiant de la fonction du musée (table fonctions).", "mediation",
                   pattern=SLUG),
        ),
        ("recommandation", "fonction"), _recommendation_function_rows,
        (ForeignKey(("recommandation",), "recommandations", ("identifiant",)),
         ForeignKey(("fonction",), "fonctions", ("identifiant",))),
    ),
    Table(
        "reprises", "Reprises d'une journée à l'autre",
        "Une ligne par recommandation et par recommandation d'une journée antérieure qu'elle reprend (pour "
        "l'approfondir, la mettre en pratique ou la discuter).",
        (
            Column("recommandation", "string", "Identifiant de la recommandation qui reprend (table recommandations).",
                   "DN2028-02", pattern=RECOMMENDATION_ID),
            Column("reprend", "string", "Identifiant de la recommandation d'une journée antérieure qu'elle reprend "
                   "(table recommandations).", "SN2018-05", pattern=RECOMMENDATION_ID),
        ),
        ("recommandation", "reprend"), _follow_rows,
        (ForeignKey(("recommandation",), "recommandations", ("identifiant",)),
         ForeignKey(("reprend",), "recommandations", ("identifiant",))),
    ),
    Table(
        "fonctions", "Fonctions du musée",
        "La taxonomie des fonctions du musée auxquelles les recommandations sont rattachées.",
        (
            Column("identifiant", "string", "Identifiant stable de la fonction ; il figure dans l'adresse de sa page.",
                   "mediation", unique=True, pattern=SLUG),
            Column("libelle", "string", "Libellé de la fonction.", "Médiation", unique=True),
            Column("definition", "string", "Définition de la fonction.",
                   "Ce qui relie les œuvres et les collections aux publics."),
            Column("termes", "string", f"Autres expressions qui, dans une transcription, désignent la fonction, "
                   f"séparées par « {LIST_SEPARATOR.strip()} ».", "dispositifs de médiation", required=False),
            Column("nombre_recommandations", "integer", "Nombre de recommandations qui concernent la fonction.", "3",
                   minimum=0),
            Column("url", "string", _URL, "/fonctions/mediation/", unique=True,
                   format="uri"),
        ),
        ("identifiant",), _function_rows,
    ),
)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _json_value(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


# A spreadsheet runs a cell that starts with one of these as a formula (« =HYPERLINK(…) », « +cmd|… »):
# OWASP's advice is to write such a text cell after an apostrophe, which spreadsheets show as text
# and do not display. The JSON files keep every value as it is; the schemas say so.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_FORMULA_NOTE = ("Dans le fichier CSV, un texte qui commence par =, +, -, @ ou une tabulation est précédé d'une "
                    "apostrophe, pour qu'un tableur ne l'exécute pas comme une formule ; le fichier JSON donne la "
                    "valeur telle quelle.")


def _csv_cell(column: Column, value) -> str:
    cell = _cell(value)
    if column.type == "string" and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def table_csv(table: Table, rows: list[tuple]) -> str:
    """RFC 4180: comma, CRLF, a header row, fields quoted when they need it; UTF-8 without BOM; a text
    that a spreadsheet would run as a formula neutralised (FORMULA_STARTS)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in table.columns])
    writer.writerows([_csv_cell(column, value) for column, value in zip(table.columns, row)] for row in rows)
    return buffer.getvalue()


def table_json(table: Table, rows: list[tuple]) -> str:
    """The same rows as a JSON array of objects (null where the CSV cell is empty)."""
    names = [column.name for column in table.columns]
    records = [dict(zip(names, (_json_value(value) for value in row))) for row in rows]
    return _dump(records)


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def table_schema(table: Table, site: SiteInfo) -> dict:
    """A Table Schema with the metadata schema.data.gouv.fr asks for."""
    schema = {
        "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
        "name": f"{PACKAGE_NAME}-{table.name}",
        "title": table.title,
        "description": f"{table.description} {CSV_FORMULA_NOTE}",
        "countryCode": "FR",
        "homepage": page_url(site.url, PAGE_URI),
        "path": file_url(site.url, table.schema_path),
        "resources": [{"title": "Données publiées", "path": file_url(site.url, table.csv_path)}],
        "created": SCHEMA_CREATED,
        "lastModified": SCHEMA_MODIFIED,
        "version": SCHEMA_VERSION,
        "contributors": [{"title": site.publisher, "role": "author"}],
        "licenses": [LICENCE],
        "fields": [column.field(site.url) for column in table.columns],
        "primaryKey": list(table.primary_key),
        "missingValues": [""],
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [key.descriptor() for key in table.foreign_keys]
    return schema


def data_dates(corpus: Corpus) -> tuple[datetime.date | None, datetime.date | None]:
    """The first and the last date in the data: the oldest day, and the newest day or status change."""
    if not corpus.days:
        return None, None
    return min(day.model.date for day in corpus.days), corpus.newest_date


def document_resources(corpus: Corpus, documents: dict[str, bytes]) -> list[dict]:
    """The proceedings of each day as a PDF (actes.outputs.pdf): a file resource with its size and
    SHA-256, that frictionless checks against the file."""
    resources = []
    for day in corpus.days:
        path = pdf.pdf_path(day)
        content = documents[path]
        resources.append({
            "name": f"actes-{day.slug}",
            "type": "file",
            "path": path.removeprefix(f"{FOLDER}/"),
            "scheme": "file",
            "format": "pdf",
            "mediatype": "application/pdf",
            "title": f"Actes de la journée « {day.model.title} » ({long_date(day.model.date)}), PDF accessible",
            "bytes": len(content),
            "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
        })
    return resources


def package_descriptor(site: SiteInfo, corpus: Corpus, documents: dict[str, bytes] | None = None) -> dict:
    """Data Package v2: the tables as CSV resources, each with its schema; then each day's PDF."""
    descriptor = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": PACKAGE_NAME,
        "id": file_url(site.url, f"{FOLDER}/datapackage.json"),
        "title": PACKAGE_TITLE,
        "description": PACKAGE_DESCRIPTION,
        "homepage": page_url(site.url, PAGE_URI),
        "version": SCHEMA_VERSION,
        "keywords": list(KEYWORDS),
        "licenses": [LICENCE],
        "contributors": [{"title": site.publisher, "roles": ["publisher"]}],
        "resources": [
            {
                "name": table.name,
                "type": "table",
                "path": table.csv_path.removeprefix(f"{FOLDER}/"),
                "scheme": "file",
                "format": "csv",
                "mediatype": MEDIA_TYPES["csv"],
                "encoding": "utf-8",
                "title": table.title,
                "description": table.description,
                "schema": table.schema_path.removeprefix(f"{FOLDER}/"),
            }
            for table in TABLES
        ] + document_resources(corpus, documents if documents is not None else pdf.files(corpus, site)),
    }
    return descriptor


def _literal(text: str) -> dict:
    return {"@value": text, "@language": "fr"}


def _date(value: datetime.date) -> dict:
    return {"@value": value.isoformat(), "@type": "http://www.w3.org/2001/XMLSchema#date"}


def catalogue(site: SiteInfo, corpus: Corpus) -> dict:
    """DCAT (JSON-LD, with its context inline): a catalogue with one dataset and its distributions."""
    first, modified = data_dates(corpus)
    page = page_url(site.url, PAGE_URI)
    publisher = {"@id": page + "#editeur", "@type": "foaf:Organization", "foaf:name": site.publisher}
    licence = {"@id": LICENCE["path"]}
    distributions = []
    for table in TABLES:
        for extension, path in (("csv", table.csv_path), ("json", table.json_path)):
            distributions.append({
                "@id": file_url(site.url, path),
                "@type": "dcat:Distribution",
                "dct:title": _literal(f"{table.title} ({extension.upper()})"),
                "dct:description": _literal(table.description),
                "dcat:accessURL": {"@id": page},
                "dcat:downloadURL": {"@id": file_url(site.url, path)},
                "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{MEDIA_TYPES[extension]}"},
                "dct:format": extension.upper(),
                "dct:conformsTo": {"@id": file_url(site.url, table.schema_path)},
                "dct:license": licence,
            })
    dataset = {
        "@id": page + "#jeu-de-donnees",
        "@type": "dcat:Dataset",
        "dct:identifier": PACKAGE_NAME,
        "dct:title": _literal(PACKAGE_TITLE),
        "dct:description": _literal(PACKAGE_DESCRIPTION),
        "dct:publisher": publisher,
        "dct:license": licence,
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/FRA"},
        "dcat:keyword": [_literal(keyword) for keyword in KEYWORDS],
        "dcat:landingPage": {"@id": page},
        "dcat:distribution": distributions,
    }
    if first:
        dataset["dct:issued"] = _date(first)
        dataset["dct:modified"] = _date(modified)
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@id": file_url(site.url, f"{FOLDER}/catalogue.jsonld"),
        "@type": "dcat:Catalog",
        "dct:title": _literal(site.name),
        "dct:description": _literal(PACKAGE_DESCRIPTION),
        "dct:publisher": publisher,
        "dct:language": dataset["dct:language"],
        "dcat:dataset": dataset,
        **({"dct:modified": _date(modified)} if modified else {}),
    }


def dataset_jsonld(site: SiteInfo, corpus: Corpus) -> dict:
    """schema.org Dataset, for the head of the page that presents the data."""
    first, modified = data_dates(corpus)
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": PACKAGE_TITLE,
        "description": PACKAGE_DESCRIPTION,
        "url": page_url(site.url, PAGE_URI),
        "identifier": file_url(site.url, f"{FOLDER}/datapackage.json"),
        "inLanguage": "fr",
        "isAccessibleForFree": True,
        "keywords": list(KEYWORDS),
        "license": LICENCE["path"],
        "creator": {"@type": "Organization", "name": site.publisher},
        "publisher": {"@type": "Organization", "name": site.publisher},
        "version": SCHEMA_VERSION,
        "distribution": [
            {"@type": "DataDownload", "name": f"{table.title} ({extension.upper()})",
             "encodingFormat": MEDIA_TYPES[extension], "contentUrl": file_url(site.url, path)}
            for table in TABLES for extension, path in (("csv", table.csv_path), ("json", table.json_path))
        ],
    }
    if first:
        data["temporalCoverage"] = f"{first.isoformat()}/{modified.isoformat()}"
        data["dateModified"] = modified.isoformat()
    return data


def files(corpus: Corpus, site: SiteInfo, written: dict | None = None) -> dict[str, str]:
    """Path (under the site) → content of every file of the package. `written`: the other outputs'
    files, the PDFs among them (made again when not given)."""
    documents = None if written is None else {path: content for path, content in written.items() if path.endswith(".pdf")}
    package = {}
    for table in TABLES:
        rows = list(table.rows(corpus, site))
        package[table.csv_path] = table_csv(table, rows)
        package[table.json_path] = table_json(table, rows)
        package[table.schema_path] = _dump(table_schema(table, site))
    package[f"{FOLDER}/datapackage.json"] = _dump(package_descriptor(site, corpus, documents))
    package[f"{FOLDER}/catalogue.jsonld"] = _dump(catalogue(site, corpus))
    return package


def paths(corpus: Corpus) -> list[str]:
    """The paths `files` writes (for the permalink ledger): they do not depend on the data."""
    listed = [path for table in TABLES for path in (table.csv_path, table.json_path, table.schema_path)]
    return listed + [f"{FOLDER}/datapackage.json", f"{FOLDER}/catalogue.jsonld"]
