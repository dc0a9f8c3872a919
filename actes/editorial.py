"""Editorial commands: create a study day, ingest a source. Every check comes before any write;
every write is atomic; a transcript edited by hand is never overwritten without --force."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from actes.convert import convert, generated_state, parse_transcript
from actes.corpus import DAY_FILE, DAYS_DIR, RECOMMENDATIONS_FILE, SOURCES_DIR
from actes.files import write_atomically
from actes.model import PREFIX_PATTERN, SLUG_PATTERN
from actes.sources import SourceError, read_source

# Words left out of a day's slug and prefix.
STOP_WORDS = {"la", "le", "les", "l", "du", "de", "des", "d", "dans", "et", "a", "au", "aux", "en", "un", "une",
              "pour", "sur", "par", "avec", "son", "sa", "ses", "leur", "leurs", "ou", "quel", "quels", "quelle"}
SPEAKER = re.compile(r"^(?:Intervention|Allocution|Discours|Propos)\s+(?:de|d')\s*(?P<civility>M\.|Mme|Mlle|Me|Dr)?\s*"
                     r"(?P<given>[A-ZÀ-Ý][\w'-]+)\s+(?P<family>[A-ZÀ-Ý][\w' -]+?),\s*(?P<role>.+)$")


class EditorialError(Exception):
    """A command that cannot go ahead: every reason, and nothing written."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("\n".join(reasons))


@dataclass
class Report:
    """What a command did, said to the editor."""

    lines: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.lines.append(line)


def slugify(text: str, *, drop_stop_words: bool = True, max_words: int = 5) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    kept = [w for w in words if not (drop_stop_words and w in STOP_WORDS)] or words
    return "-".join(kept[:max_words])


def _template(name: str, **values: str) -> str:
    text = resources.files("actes").joinpath("templates", name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def _yaml_scalar(value: str) -> str:
    return yaml.safe_dump(value, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


def _existing_prefixes(days_dir: Path) -> dict[str, str]:
    prefixes = {}
    for day_file in days_dir.glob(f"*/{DAY_FILE}"):
        match = re.search(r"^prefix:\s*(\S+)", day_file.read_text(encoding="utf-8"), re.MULTILINE)
        if match:
            prefixes[match.group(1)] = day_file.parent.name
    return prefixes


def new_day(root: Path, date: str, title: str, *, slug: str | None = None, prefix: str | None = None) -> Report:
    """Create data/journees/<date>-<slug>/ with journee.yml, recommandations.yml and sources/."""
    reasons = []
    try:
        day = datetime.date.fromisoformat(date)
    except ValueError:
        raise EditorialError([f"date invalide, attendu AAAA-MM-JJ : '{date}'"]) from None
    if not title.strip():
        reasons.append("titre vide : donnez le titre de la journée entre guillemets")
    slug = slug or slugify(title)
    if not re.fullmatch(SLUG_PATTERN, slug or ""):
        reasons.append(f"titre court invalide, attendu minuscules, chiffres et tirets : '{slug}'")
    folder = root / "data" / DAYS_DIR / f"{day.isoformat()}-{slug}"
    if folder.exists():
        reasons.append(f"la journée existe déjà : '{folder.relative_to(root)}'")
    initials = "".join(w[0] for w in slugify(title, max_words=3).split("-") if w).upper()[:4]
    prefix = prefix or f"{initials.ljust(2, 'J')}{day.year}"
    if not re.fullmatch(PREFIX_PATTERN, prefix):
        reasons.append(f"préfixe invalide, attendu 2 à 4 majuscules et l'année (ex. SN2018) : '{prefix}'")
    taken = _existing_prefixes(root / "data" / DAYS_DIR)
    if prefix in taken:
        reasons.append(f"préfixe déjà utilisé par la journée '{taken[prefix]}' : choisissez-en un autre avec --prefix : '{prefix}'")
    if reasons:
        raise EditorialError(reasons)

    (folder / SOURCES_DIR).mkdir(parents=True)
    values = {"slug": folder.name, "title": _yaml_scalar(title.strip()), "date": day.isoformat(), "prefix": prefix}
    write_atomically(folder / DAY_FILE, _template("journee.yml", **values))
    write_atomically(folder / RECOMMENDATIONS_FILE, _template("recommandations.yml", **values))
    report = Report()
    report.say(f"Journée créée : {folder.relative_to(root)}/")
    report.say(f"  {DAY_FILE} (préfixe des recommandations : {prefix}), {RECOMMENDATIONS_FILE}, {SOURCES_DIR}/")
    report.say(f"Ensuite : actes ingest {folder.name} <fichier source> --as <identifiant de l'intervention>")
    return report


def _intervention_block(name: str, source_name: str, transcript_title: str | None, speaker_line: str | None) -> tuple[str, bool]:
    """The YAML of a new intervention, and whether its speaker was recognised."""
    match = SPEAKER.match(speaker_line or "")
    item = {"id": name, "title": transcript_title or name.replace("-", " ").capitalize(), "source": source_name}
    if match:
        speaker = {k: v for k, v in match.groupdict().items() if v}
        item["speakers"] = [speaker]
    text = yaml.safe_dump([item], allow_unicode=True, sort_keys=False, width=10_000)
    if not match:
        text += "  # Intervenant non reconnu : complétez given, family, role (et civility).\n  speakers:\n"
    return "".join(f"  {line}\n" for line in text.rstrip("\n").split("\n")), bool(match)


def ingest(root: Path, day: str, source: Path, *, name: str | None = None, force: bool = False) -> Report:
    """Copy a raw source into the day's sources/, write its conversion into docs/, register the intervention."""
    day_dir = root / "data" / DAYS_DIR / Path(day).name
    if not (day_dir / DAY_FILE).is_file():
        raise EditorialError([f"journée inconnue : '{Path(day).name}' ; créez-la avec 'actes new-day DATE \"TITRE\"'"])
    try:
        found = read_source(source)
    except SourceError as error:
        raise EditorialError([f"{source}: {error}"]) from None
    name = name or slugify(source.stem, drop_stop_words=False)
    if not re.fullmatch(SLUG_PATTERN, name):
        raise EditorialError([f"identifiant d'intervention invalide (minuscules, chiffres, tirets ; option --as) : '{name}'"])
    report = Report()
    report.say(f"Lu : {source} ({found.found})")

    stored_source = day_dir / SOURCES_DIR / f"{name}{source.suffix.lower()}"
    docs_file = root / "docs" / DAYS_DIR / day_dir.name / f"{name}.md"
    markdown = convert(found.text)
    reasons = []
    raw = source.read_bytes()
    source_changes = not stored_source.exists() or stored_source.read_bytes() != raw
    if stored_source.exists() and source_changes and not force:
        reasons.append(f"{stored_source.relative_to(root)}: une autre source porte déjà ce nom ; choisissez --as ou "
                       "ajoutez --force pour la remplacer")
    docs_changes = not docs_file.exists() or docs_file.read_text(encoding="utf-8") != markdown
    if docs_file.exists() and docs_changes and not force:
        state = generated_state(docs_file.read_text(encoding="utf-8"))
        if state != "intact":
            why = "modifiée à la main depuis sa conversion" if state == "edited" else "n'a pas été produite par actes"
            reasons.append(f"{docs_file.relative_to(root)}: la transcription {why} ; elle n'est pas écrasée. Reportez la "
                           "correction dans les données, ou ajoutez --force pour la remplacer")
    day_text = (day_dir / DAY_FILE).read_text(encoding="utf-8")
    day_data = yaml.safe_load(day_text) or {}
    known = {i.get("id") for i in (day_data.get("interventions") or []) if isinstance(i, dict)}
    if reasons:
        raise EditorialError(reasons)

    if source_changes:
        write_atomically(stored_source, raw)
        report.say(f"Source copiée telle quelle : {stored_source.relative_to(root)}")
    if docs_changes:
        docs_file.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(docs_file, markdown)
        report.say(f"Transcription écrite : {docs_file.relative_to(root)}")
    if name not in known:
        transcript = parse_transcript(found.text)
        block, recognised = _intervention_block(name, stored_source.name, transcript.title, transcript.speaker)
        write_atomically(day_dir / DAY_FILE, day_text.rstrip("\n") + "\n" + block)
        report.say(f"Intervention ajoutée à {(day_dir / DAY_FILE).relative_to(root)} : '{name}'"
                   + ("" if recognised else " ; intervenant non reconnu : complétez 'speakers'"))
    if not (source_changes or docs_changes or name not in known):
        report.say("Rien à faire : la source et sa transcription sont déjà à jour.")
    else:
        report.say("Ensuite : actes permalinks --update, puis actes check")
    return report
