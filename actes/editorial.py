"""Editorial commands: create a study day, ingest a source.

Every check comes before any write; a command's writes are one transaction (actes.files), under a
lock per day; journee.yml is edited structurally (ruamel.yaml keeps its comments and order); a
transcript edited by hand, or a source, is never replaced without --force."""

from __future__ import annotations

import datetime
import io
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RoundTripError

from actes import files
from actes.convert import convert, generated_state, parse_transcript, plain_text, to_markdown
from actes.structure import RosterLine, plan_day, resolve_label, split_name
from actes.corpus import DAY_FILE, DAYS_DIR, RECOMMENDATIONS_FILE, SOURCES_DIR
from actes.characters import describe, first_forbidden
from actes.limits import quote
from actes.model import PREFIX_PATTERN, PageSlug
from actes.sources import SourceError, read_source
from actes.yamlsource import read_yaml

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
    folder: Path | None = None  # the day a command created

    def say(self, line: str) -> None:
        self.lines.append(line)


def slugify(text: str, *, drop_stop_words: bool = True, max_words: int = 5) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    kept = [w for w in words if not (drop_stop_words and w in STOP_WORDS)] or words
    return "-".join(kept[:max_words])


def _template(name: str, **values: str) -> str:
    text = resources.files("actes").joinpath("templates", name).read_text(encoding="utf-8")
    # One pass: a value that holds « {prefix} » stays as written.
    return re.sub(r"\{(" + "|".join(map(re.escape, values)) + r")\}", lambda m: values[m.group(1)], text)




def check_identifier(value: str, what: str, option: str) -> str | None:
    """Why `value` cannot be the id of a page (intervention, day slug), or None: the model's rules."""
    if not value.strip():
        return f"{what} vide : donnez-en un avec {option}"
    try:
        TypeAdapter(PageSlug).validate_python(value)
    except ValidationError as error:
        detail = error.errors()[0]
        if detail["type"] == "string_pattern_mismatch":
            return f"{what} invalide, attendu minuscules, chiffres et tirets (option {option}) : {quote(value)}"
        return f"{what} invalide : {detail.get('ctx', {}).get('error', detail['msg'])} (option {option}) : {quote(value)}"
    return None


def _existing_prefixes(days_dir: Path) -> dict[str, str]:
    """The prefix of every day whose journee.yml can be read (the others are `actes check`'s business)."""
    prefixes = {}
    for day_file in sorted(days_dir.glob(f"*/{DAY_FILE}")):
        document, _ = read_yaml(day_file, str(day_file))
        data = document.data if document else None
        if isinstance(data, dict) and isinstance(data.get("prefix"), str):
            prefixes.setdefault(data["prefix"], day_file.parent.name)
    return prefixes


def _write_error(error: OSError, root: Path, where: str) -> EditorialError:
    """A write refused by the system, said in French with the folder at fault (not a temporary name)."""
    reasons = {28: "disque plein", 30: "système de fichiers en lecture seule", 13: "permission refusée",
               1: "opération non permise", 27: "fichier trop grand pour le système"}
    why = reasons.get(error.errno, error.strerror or type(error).__name__)
    if error.filename:
        path = Path(error.filename)
        if path.name.startswith(".") and path.name.endswith(files.TEMPORARY_SUFFIX):
            path = path.parent  # the folder it could not write into
        try:
            where = f"{path.resolve().relative_to(root.resolve())}/" if path.is_dir() else \
                str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            where = str(path)
    return EditorialError([f"écriture impossible ({why}) dans {where} ; libérez de la place ou corrigez les "
                           "droits du dossier, puis relancez"])


def new_day(root: Path, date: str, title: str, *, slug: str | None = None, prefix: str | None = None,
            organiser: str | None = None, kind: str | None = None) -> Report:
    """Create data/journees/<date>-<slug>/ with journee.yml, recommandations.yml and sources/, all at once:
    the folder is made under a hidden name, then renamed."""
    reasons = []
    try:
        day = datetime.date.fromisoformat(date)
    except ValueError:
        raise EditorialError([f"date invalide, attendu AAAA-MM-JJ : {quote(date)}"]) from None
    if not title.strip():
        reasons.append("titre vide : donnez le titre de la journée entre guillemets")
    elif character := first_forbidden(title.strip()) or next((c for c in title.strip() if c in "\n\r\t"), None):
        reasons.append(f"le titre tient sur une ligne, sans caractère de contrôle ({describe(character)}) : "
                       f"{quote(title)}")
    elif len(title) > 300:
        reasons.append(f"titre trop long ({len(title)} caractères, au plus 300) : {quote(title)}")
    slug = slug if slug is not None else slugify(title)
    problem = check_identifier(slug, "titre court", "--slug")
    if problem:
        reasons.append(problem)
    days_dir = root / "data" / DAYS_DIR
    folder = days_dir / f"{day.isoformat()}-{slug}"
    if not problem and folder.exists():
        reasons.append(f"la journée existe déjà : '{folder.relative_to(root)}'")
    initials = "".join(w[0] for w in slugify(title, max_words=3).split("-") if w).upper()[:4]
    prefix = prefix or f"{initials.ljust(2, 'J')}{day.year}"
    if not re.fullmatch(PREFIX_PATTERN, prefix):
        reasons.append(f"préfixe invalide, attendu 2 à 4 majuscules et l'année (ex. SN2018) : {quote(prefix)}")
    taken = _existing_prefixes(days_dir)
    if prefix in taken:
        reasons.append(f"préfixe déjà utilisé par la journée '{taken[prefix]}' : choisissez-en un autre avec --prefix : '{prefix}'")
    if not days_dir.is_dir():
        reasons.append(f"dossier introuvable : 'data/{DAYS_DIR}' ; lancez la commande à la racine du projet ou avec --root")
    if reasons:
        raise EditorialError(reasons)

    # The validated values fill the template (its comments name them); the title, free text, goes
    # through the YAML emitter like every value an editor gives, never into the template's text.
    values = {"slug": folder.name, "title": "''", "date": day.isoformat(), "prefix": prefix}
    day_data = _round_trip().load(_template("journee.yml", **values))
    day_data["title"] = title.strip()
    if organiser:
        day_data["organiser"] = " ".join(organiser.split())
    if kind:
        day_data["kind"] = " ".join(kind.split())
    staging = None
    try:
        staging = Path(tempfile.mkdtemp(dir=days_dir, prefix=".nouvelle-journee-", suffix=files.TEMPORARY_SUFFIX))
        (staging / SOURCES_DIR).mkdir()
        files.write_atomically(staging / DAY_FILE, _dump(day_data))
        files.write_atomically(staging / RECOMMENDATIONS_FILE, _template("recommandations.yml", **values))
        os.chmod(staging, files.default_mode(folder=True))  # mkdtemp made it private
        os.rename(staging, folder)  # all at once
    except OSError as error:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        raise _write_error(error, root, f"data/{DAYS_DIR}/") from None
    report = Report()
    report.folder = folder
    report.say(f"Journée créée : {folder.relative_to(root)}/")
    report.say(f"  {DAY_FILE} (préfixe des recommandations : {prefix}), {RECOMMENDATIONS_FILE}, {SOURCES_DIR}/")
    report.say(f"Ensuite : actes ingest {folder.name} <fichier source> --as <identifiant de l'intervention>")
    return report


def new_day_from(root: Path, source: Path, *, date: str | None = None, title: str | None = None,
                 slug: str | None = None, prefix: str | None = None, organiser: str | None = None) -> Report:
    """Create a day from its whole-day document: date, title and organiser from its cover (the
    command line's win), then its interventions, rosters and transcripts, as `ingest` makes them.
    If the import fails, the day just created is removed: all or nothing."""
    try:
        found = read_source(source)
    except SourceError as error:
        raise EditorialError([f"{source}: {error}"]) from None
    plan = plan_day(found.text)
    if not plan.whole_day:
        raise EditorialError([f"{source}: ce document ne contient qu'une intervention et pas de couverture ; créez la "
                              "journée avec 'actes new-day DATE \"TITRE\"', puis 'actes ingest'"])
    cover = plan.cover
    reasons = []
    if date is None and cover.date is None:
        reasons.append(f"{source}: date de la journée illisible sur la couverture"
                       f"{' (' + ' / '.join(cover.lines[:4]) + ')' if cover.lines else ''} : donnez-la avec --date AAAA-MM-JJ")
    if title is None and cover.title is None:
        reasons.append(f"{source}: titre de la journée illisible sur la couverture : donnez-le avec --title \"TITRE\"")
    if organiser is None and cover.organiser is None:
        reasons.append(f"{source}: organisateur illisible sur la couverture : donnez-le avec --organiser \"…\"")
    if reasons:
        raise EditorialError(reasons)
    report = new_day(root, date or cover.date.isoformat(), title or cover.title, slug=slug, prefix=prefix,
                     organiser=organiser or cover.organiser, kind=cover.kind)
    try:
        imported = ingest(root, report.folder.name, source, plan=(found, plan))
    except BaseException:
        shutil.rmtree(report.folder, ignore_errors=True)
        shutil.rmtree(root / "docs" / DAYS_DIR / report.folder.name, ignore_errors=True)
        raise
    report.lines = report.lines[:2] + [f"Lu sur la couverture : {' / '.join(cover.lines)}"] + imported.lines
    return report


def _round_trip() -> YAML:
    yaml_rt = YAML()
    yaml_rt.preserve_quotes = True
    yaml_rt.width = 4096
    yaml_rt.indent(mapping=2, sequence=4, offset=2)
    return yaml_rt


def _intervention(name: str, source_name: str, transcript_title: str | None, speaker_line: str | None) -> tuple[CommentedMap, bool]:
    """A new intervention for journee.yml, and whether its speaker was recognised."""
    match = SPEAKER.match(speaker_line or "")
    item = CommentedMap()
    item["id"] = name
    item["title"] = transcript_title or name.replace("-", " ").capitalize()
    item["source"] = source_name
    if match:
        speaker = CommentedMap((k, v) for k, v in match.groupdict().items() if v)
        item["speakers"] = CommentedSeq([speaker])
    else:
        item["speakers"] = None
        item.yaml_set_comment_before_after_key(
            "speakers", before="Intervenant non reconnu : complétez given, family, role (et civility).", indent=4)
    return item, bool(match)


def _read_day_file(day_file: Path, display: str):
    """journee.yml as the round-trip library reads it (comments and order kept), after the strict
    reading's checks; EditorialError with every problem if it cannot be edited."""
    document, problems = read_yaml(day_file, display)
    if problems:
        raise EditorialError([str(p) for p in problems] + [f"corrigez {display}, puis relancez"])
    if not isinstance(document.data, dict):
        raise EditorialError([f"{display}:1: le fichier doit être une suite de champs « clé: valeur » "
                              f"(titre, date, interventions…), pas {type(document.data).__name__ if document.data is not None else 'un fichier vide'}"])
    interventions = document.data.get("interventions")
    if interventions is not None and not isinstance(interventions, list):
        raise EditorialError([f"{document.path}:{document.line_of(('interventions',))}: 'interventions' doit être une liste"])
    wrong = [f"{document.path}:{document.line_of(('interventions', index, 'id'))}: type incorrect pour 'id', attendu "
             f"un texte : {quote(item['id'])}" for index, item in enumerate(interventions or [])
             if isinstance(item, dict) and "id" in item and not isinstance(item["id"], str)]
    if wrong:
        raise EditorialError(wrong + [f"corrigez {display}, puis relancez"])
    try:
        data = _round_trip().load(day_file.read_text(encoding="utf-8"))
    except RoundTripError:
        raise EditorialError([f"{display}:1: YAML invalide : corrigez-le, puis relancez"]) from None
    return data, [i for i in (interventions or []) if isinstance(i, dict)]


def ingest(root: Path, day: str, source: Path, *, name: str | None = None, force: bool = False,
           plan=None) -> Report:
    """Copy a raw source into the day's sources/, write its conversion into docs/, register the
    intervention in journee.yml: one transaction, under the day's lock."""
    day_name = Path(day).name
    day_dir = root / "data" / DAYS_DIR / day_name
    if day_name != day.strip("/") or not (day_dir / DAY_FILE).is_file() or day_dir.is_symlink():
        raise EditorialError([f"journée inconnue : {quote(day)} ; créez-la avec 'actes new-day DATE \"TITRE\"'"])
    name_given = name
    if name is None:
        name = slugify(source.stem, drop_stop_words=False, max_words=8)
        problem = check_identifier(name, "identifiant tiré du nom du fichier", "--as")
    else:
        problem = check_identifier(name, "identifiant d'intervention", "--as")
    if problem:
        raise EditorialError([problem])
    report = Report()
    docs_dir = root / "docs" / DAYS_DIR / day_dir.name
    try:
        with files.lock(day_dir):
            finished = files.recover(day_dir)
            if finished:
                report.say(f"Importation interrompue terminée d'abord : {len(finished)} fichier(s)")
            files.remove_stale_temporaries(day_dir, day_dir / SOURCES_DIR, docs_dir)
            if plan is None:
                try:
                    found = read_source(source)
                except SourceError as error:
                    raise EditorialError([f"{source}: {error}"]) from None
                plan = (found, plan_day(found.text))
            found, day_plan = plan
            if day_plan.whole_day and name_given is None:
                _ingest_day_locked(root, day_dir, docs_dir, source, found, day_plan, force, report)
            elif day_plan.conversation:  # one round table in its own document: its roster and turns
                _ingest_day_locked(root, day_dir, docs_dir, source, found, day_plan, force, report, name=name)
            else:
                _ingest_locked(root, day_dir, docs_dir, source, found, name, force, report)
    except files.Busy:
        raise EditorialError([f"une autre commande 'actes ingest' travaille sur la journée '{day_dir.name}' ; "
                              "attendez qu'elle se termine, puis relancez"]) from None
    except OSError as error:
        raise _write_error(error, root, f"data/{DAYS_DIR}/{day_dir.name}/") from None
    return report


def _transcript_write(root: Path, docs_file: Path, markdown: str, force: bool) -> tuple[bool, str | None]:
    """Whether docs_file must be (re)written with `markdown`, and why it may not be: a transcript
    edited by hand, or not made by actes, is never replaced without --force. Read once."""
    current = docs_file.read_text(encoding="utf-8") if docs_file.exists() else None
    if current == markdown:
        return False, None
    if current is None or force:
        return True, None
    state = generated_state(current)
    if state == "intact":
        return True, None
    why = "modifiée à la main depuis sa conversion" if state == "edited" else "n'a pas été produite par actes"
    return True, (f"{docs_file.relative_to(root)}: la transcription {why} ; elle n'est pas écrasée. Reportez la "
                  "correction dans les données, ou ajoutez --force pour la remplacer")


def _commit(root: Path, day_dir: Path, report: Report, steps, nothing: str) -> None:
    """Run `steps(transaction)` in one transaction of the day: all its writes land, or none."""
    transaction = files.Transaction(day_dir)
    try:
        steps(transaction)
    except OSError as error:
        transaction.abort()
        raise _write_error(error, root, f"{day_dir.relative_to(root)}/") from None
    except BaseException:
        transaction.abort()
        raise
    if not transaction.staged and not transaction.removed:
        report.say(nothing)
        return
    transaction.commit()
    report.say("Ensuite : actes permalinks --update, puis actes check")


def _ingest_locked(root: Path, day_dir: Path, docs_dir: Path, source: Path, found, name: str, force: bool,
                   report: Report) -> None:
    report.say(f"Lu : {source} ({found.found})")
    reading = f"lecture de la mise en page : {len(found.notes)} opération(s) ; " if found.notes else ""
    transcript = parse_transcript(found.text)
    report.say(f"Conversion : {reading}{transcript.summary()} (détail : actes convert --explain {source})")
    day_display = str((day_dir / DAY_FILE).relative_to(root))
    day_data, interventions = _read_day_file(day_dir / DAY_FILE, day_display)
    known = {i.get("id"): i for i in interventions}

    stored_source = day_dir / SOURCES_DIR / f"{name}{source.suffix.lower()}"
    docs_file = docs_dir / f"{name}.md"
    markdown = convert(found.text)
    raw = source.read_bytes()
    reasons = []
    previous_source = known.get(name, {}).get("source")
    replaces_source = previous_source is not None and previous_source != stored_source.name
    if replaces_source and not force:
        reasons.append(f"{day_display}: l'intervention '{name}' a déjà pour source {quote(previous_source)} ; pour la "
                       f"remplacer par '{stored_source.name}', ajoutez --force (sa transcription sera refaite)")
    source_changes = not stored_source.exists() or stored_source.read_bytes() != raw
    if stored_source.exists() and source_changes and not force:
        reasons.append(f"{stored_source.relative_to(root)}: une autre source porte déjà ce nom ; choisissez --as ou "
                       "ajoutez --force pour la remplacer")
    if stored_source.is_symlink() or stored_source.is_dir():
        reasons.append(f"{stored_source.relative_to(root)}: un lien ou un dossier porte ce nom ; retirez-le")
    docs_changes, refusal = _transcript_write(root, docs_file, markdown, force)
    reasons += [refusal] if refusal else []
    if reasons:
        raise EditorialError(reasons)

    def steps(transaction: files.Transaction) -> None:
        if source_changes:
            transaction.write(stored_source, raw)
            report.say(f"Source copiée telle quelle : {stored_source.relative_to(root)}")
        if replaces_source:
            transaction.remove(day_dir / SOURCES_DIR / previous_source)
            _set_source(day_data, name, stored_source.name)
            transaction.write(day_dir / DAY_FILE, _dump(day_data))
            report.say(f"Source de '{name}' remplacée dans {day_display} ; l'ancienne, {quote(previous_source)}, est retirée")
        if docs_changes:
            transaction.write(docs_file, markdown)
            report.say(f"Transcription écrite : {docs_file.relative_to(root)}")
        if name not in known:
            item, recognised = _intervention(name, stored_source.name, transcript.title, transcript.speaker)
            if day_data.get("interventions") is None:
                day_data["interventions"] = CommentedSeq()
            day_data["interventions"].append(item)
            transaction.write(day_dir / DAY_FILE, _dump(day_data))
            report.say(f"Intervention ajoutée à {day_display} : '{name}'"
                       + ("" if recognised else " ; intervenant non reconnu : complétez 'speakers'"))

    _commit(root, day_dir, report, steps, "Rien à faire : la source et sa transcription sont déjà à jour.")


def _speaker_map(line) -> CommentedMap:
    """A roster line as journee.yml holds it (actes.model.Speaker)."""
    speaker = CommentedMap()
    for key in ("civility", "given", "family", "role"):
        value = getattr(line, key)
        if value:
            speaker[key] = value
    if line.part != "intervention":
        speaker["part"] = line.part
    return speaker


def _ingest_day_locked(root: Path, day_dir: Path, docs_dir: Path, source: Path, found, day_plan, force: bool,
                       report: Report, *, name: str | None = None) -> None:
    """A whole-day document: the source kept once, whole; one intervention per part of it, each
    with its roster and its transcript. With `name`, a document of one intervention whose speakers
    take turns: the intervention has that id."""
    report.say(f"Lu : {source} ({found.found}) : " + (
        f"document d'une journée entière, {len(day_plan.interventions)} intervention(s)" if name is None else
        "une intervention à plusieurs voix (distribution et tours de parole)"))
    for line in [*found.contents, *day_plan.contents]:
        report.say(f"  sommaire retiré : {line}")
    day_display = str((day_dir / DAY_FILE).relative_to(root))
    day_data, interventions = _read_day_file(day_dir / DAY_FILE, day_display)
    stem = name or slugify(source.stem, drop_stop_words=False, max_words=8) or "journee"
    stored_source = day_dir / SOURCES_DIR / f"{stem}{source.suffix.lower()}"
    raw = source.read_bytes()
    existing = {i.get("part"): i for i in interventions if i.get("source") == stored_source.name}
    taken = {i.get("id") for i in interventions}
    reasons = []
    if name in taken and not existing:
        reasons.append(f"{day_display}: l'intervention '{name}' existe déjà avec une autre source ; choisissez un autre "
                       "identifiant avec --as")
    source_changes = not stored_source.exists() or stored_source.read_bytes() != raw
    if stored_source.exists() and source_changes and not force:
        reasons.append(f"{stored_source.relative_to(root)}: une autre source porte déjà ce nom ; renommez le fichier "
                       "reçu, ou ajoutez --force pour la remplacer")
    if stored_source.is_symlink() or stored_source.is_dir():
        reasons.append(f"{stored_source.relative_to(root)}: un lien ou un dossier porte ce nom ; retirez-le")
    writes: list[tuple[Path, str]] = []
    new_items = []
    for part in day_plan.interventions:
        item = existing.get(part.number)
        if item is None:
            item = _new_intervention(part, name or _free_name(part, taken), stored_source.name, day_display, report)
            new_items.append(item)
        docs_file = docs_dir / f"{item['id']}.md"
        markdown = to_markdown(part.transcript())
        changes, refusal = _transcript_write(root, docs_file, markdown, force)
        reasons += [refusal] if refusal else []
        if changes:
            writes.append((docs_file, markdown))
        roster = ", ".join(f"{line.name} ({line.part})" for line in part.roster) or "aucune distribution lue"
        turns = sum(1 for block in part.blocks if block.label)
        report.say(f"  {part.number}. {item['id']} : {plain_text(part.title)} — {roster} ; {turns} tour(s) de parole "
                   f"(lignes {part.first_line} à {part.last_line} du texte lu)")
    if reasons:
        raise EditorialError(reasons)

    def steps(transaction: files.Transaction) -> None:
        if source_changes:
            transaction.write(stored_source, raw)
            report.say(f"Source copiée telle quelle, une fois pour toute la journée : {stored_source.relative_to(root)}")
        for path, markdown in writes:
            transaction.write(path, markdown)
            report.say(f"Transcription écrite : {path.relative_to(root)}")
        if new_items:
            if day_data.get("interventions") is None:
                day_data["interventions"] = CommentedSeq()
            day_data["interventions"].extend(new_items)
            transaction.write(day_dir / DAY_FILE, _dump(day_data))
            report.say(f"{len(new_items)} intervention(s) ajoutée(s) à {day_display}")

    _commit(root, day_dir, report, steps, "Rien à faire : la source et ses transcriptions sont déjà à jour.")


def _free_name(part, taken: set) -> str:
    """An intervention id from its title, not yet taken in the day (then taken)."""
    base = slugify(part.title, max_words=6) or f"intervention-{part.number}"
    if check_identifier(base, "identifiant", "--as"):
        base = f"intervention-{part.number}"
    name, suffix = base, 2
    while name in taken:
        name, suffix = f"{base}-{suffix}", suffix + 1
    taken.add(name)
    return name


def _new_intervention(part, name: str, source_name: str, day_display: str, report: Report) -> CommentedMap:
    """An intervention of a whole-day document as journee.yml holds it: its roster, and the people its
    turns name who are not in it (said, never silently)."""
    item = CommentedMap()
    item["id"] = name
    item["title"] = plain_text(part.title)
    item["source"] = source_name
    item["part"] = part.number
    speakers = CommentedSeq(_speaker_map(line) for line in part.roster)
    known = list(part.roster)
    for block in part.blocks:
        if not block.label:
            continue
        resolution = resolve_label(block.label, known)
        if resolution.problem == "inconnu":
            split = split_name(block.label)
            if split is None:
                report.say(f"  à vérifier (ligne {block.line} du texte lu) : « {block.label} » ne nomme personne "
                           f"de la distribution de '{name}' ; corrigez l'attribution dans les données")
                continue
            civility, given, family = split
            added = RosterLine(block.label, "", "intervention", civility, given, family.rstrip("."), None)
            known.append(added)
            speakers.append(_speaker_map(added))
            report.say(f"  intervenant ajouté à '{name}' : « {block.label} » (ligne {block.line} du texte lu) "
                       f"nomme une personne absente de la distribution ; complétez son rôle dans {day_display}")
        elif resolution.problem == "ambigu":
            report.say(f"  à trancher (ligne {block.line} du texte lu) : « {block.label} » peut désigner "
                       f"{' ou '.join(resolution.candidates)} ; 'actes check' le signalera jusqu'à ce que "
                       "les données le disent")
    if speakers:
        item["speakers"] = speakers
    else:
        item["speakers"] = None
        item.yaml_set_comment_before_after_key(
            "speakers", before="Distribution non lue : complétez given, family, role (et civility).", indent=4)
    return item


def _set_source(day_data, name: str, source_name: str) -> None:
    for item in day_data.get("interventions") or []:
        if isinstance(item, dict) and item.get("id") == name:
            item["source"] = source_name


def _dump(data) -> str:
    out = io.StringIO()
    _round_trip().dump(data, out)
    text = out.getvalue()
    return text if text.endswith("\n") else text + "\n"
