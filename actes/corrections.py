"""Explicit editorial corrections (data/journees/<day>/corrections.yml): read, validated against the
converted transcripts, and attached to them. The transcript stays as converted; the page shows each
correction (the original struck through, the correction inserted, the reason in a list), and the
day page lists them. A § number never moves: a correction changes words inside one paragraph."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from actes.convert import plain_text
from actes.limits import quote
from actes.model import Attribution, Correction, CorrectionsFile
from actes.structure import Turn
from actes.yamlsource import Problem, YamlDocument, read_items

CORRECTIONS_FILE = "corrections.yml"


@dataclass
class CorrectionEntry:
    model: Correction
    number: int  # 1, 2, … in the order of the transcript: the note's number and anchor
    start: int  # where `before` starts in its paragraph's text as read (Block.plain)

    @property
    def anchor(self) -> str:
        return f"correction-{self.number}"

    @property
    def before(self) -> str:
        return plain_text(self.model.before)

    @property
    def after(self) -> str:
        return plain_text(self.model.after)

    @property
    def end(self) -> int:
        return self.start + len(self.before)


def _excerpt(text: str, around: int, width: int = 60) -> str:
    start = max(0, around - width)
    return ("…" if start else "") + text[start:around + width] + ("…" if around + width < len(text) else "")


@dataclass
class AttributionEntry:
    model: Attribution
    before: str | None  # who the reading said (a person's id, « salle », or None: no one)
    label: str | None = None  # the label as printed of a turn that is not one (« pas-un-tour »)


def _attributions(document: YamlDocument | None, attributions: list[tuple[int, Attribution]],
                  day) -> tuple[list[Problem], set[tuple[str, int]]]:
    """Apply the day's corrections of attribution to its turns, in the file's order; the problems,
    and the turns corrected."""
    problems: list[Problem] = []
    corrected: set[tuple[str, int]] = set()
    for index, attribution in attributions:
        location = ("attributions", index)
        entry = day.transcripts_by_id.get(attribution.intervention)
        if entry is None:
            known = sorted(i.id for i in day.model.interventions)
            if attribution.intervention not in known:
                problems.append(document.problem(location + ("intervention",), f"intervention inconnue (valeurs "
                                                                               f"possibles : {', '.join(known)}) : "
                                                                               f"{quote(attribution.intervention)}"))
            continue
        found = _attribution_problem(document, location, attribution, entry)
        if found:
            problems.append(found)
            continue
        paragraph = attribution.paragraph
        opening = next((t for t in entry.turns if t.paragraph == paragraph), None)
        holding = ([t for t in entry.turns if t.paragraph <= paragraph] or [None])[-1]
        before = None if holding is None else "salle" if holding.floor else holding.person
        person, floor = (None, True) if attribution.speaker == "salle" else (attribution.speaker, False)
        if attribution.action == "attribuer":
            entry.turns[entry.turns.index(holding)] = replace(holding, person=person, floor=floor)
            corrected.add((attribution.intervention, holding.paragraph))
            entry.attributions.append(AttributionEntry(attribution, before))
        elif attribution.action == "nouveau-tour":
            entry.turns.append(Turn(paragraph, attribution.label or "", "", person, floor))
            entry.turns.sort(key=lambda turn: turn.paragraph)
            corrected.add((attribution.intervention, paragraph))
            entry.attributions.append(AttributionEntry(attribution, before))
        else:  # « pas-un-tour »
            entry.turns.remove(opening)
            corrected.add((attribution.intervention, paragraph))
            previous = ([t for t in entry.turns if t.paragraph < paragraph] or [None])[-1]
            entry.attributions.append(AttributionEntry(
                attribution, None if previous is None else "salle" if previous.floor else previous.person, opening.label))
    return problems, corrected


def _attribution_problem(document: YamlDocument, location: tuple, attribution: Attribution, entry) -> Problem | None:
    """Why a correction of attribution cannot apply to its transcript (file:line), or None."""
    name = attribution.intervention
    paragraphs = entry.transcript.paragraphs
    paragraph = attribution.paragraph
    if paragraph > len(paragraphs):
        return document.problem(location + ("paragraph",), f"la transcription '{name}' n'a que {len(paragraphs)} "
                                                           f"paragraphes : {paragraph}")
    opening = any(t.paragraph == paragraph for t in entry.turns)
    if attribution.action == "pas-un-tour":
        if attribution.speaker is not None:
            return document.problem(location + ("speaker",), "« pas-un-tour » ne nomme personne : le paragraphe "
                                                             f"rejoint le tour d'avant ; retirez 'speaker' : "
                                                             f"{quote(attribution.speaker)}")
        if not opening:
            return document.problem(location + ("paragraph",), f"le § {paragraph} de '{name}' n'ouvre aucun tour de "
                                                               f"parole : rien à rattacher au tour d'avant : {paragraph}")
        return None
    if attribution.speaker is None:
        return document.problem(location, f"champ requis manquant : 'speaker' (qui parle au § {paragraph} de '{name}')")
    people = sorted({speaker.person for speaker in entry.intervention.speakers})
    if attribution.speaker != "salle" and attribution.speaker not in people:
        return document.problem(location + ("speaker",), f"intervenant inconnu de '{name}' (valeurs possibles : "
                                                         f"{', '.join(people)}, salle) : {quote(attribution.speaker)}")
    if attribution.action == "attribuer":
        if attribution.label is not None:
            return document.problem(location + ("label",), "'label' dit les mots qui ouvrent un tour manqué : il "
                                                           "va avec « action: nouveau-tour » : "
                                                           f"{quote(attribution.label)}")
        if not any(t.paragraph <= paragraph for t in entry.turns):
            first = entry.turns[0].paragraph if entry.turns else "–"
            return document.problem(location + ("paragraph",), f"aucun tour de parole de '{name}' ne contient le "
                                                               f"§ {paragraph} (le premier commence au § {first}) ; "
                                                               f"pour en ouvrir un, « action: nouveau-tour » : {paragraph}")
        return None
    if opening:
        return document.problem(location + ("paragraph",), f"le § {paragraph} de '{name}' ouvre déjà un tour de "
                                                           "parole : pour en changer l'orateur, l'action est "
                                                           f"« attribuer » : {paragraph}")
    text = paragraphs[paragraph - 1].plain
    if attribution.label is not None and not text.startswith(attribution.label.strip()):
        return document.problem(location + ("label",), f"le § {paragraph} de '{name}' ne commence pas par ces "
                                                       f"mots (il commence par {quote(text[:60])}) : "
                                                       f"{quote(attribution.label)}")
    return None


def load_corrections(day, day_dir: Path, display: str) -> list[Problem]:
    """Read the day's corrections (of words, of attribution), check each against its transcript,
    attach them; the problems, every turn whose speaker is still unknown among them."""
    document, items, problems = read_items(day_dir / CORRECTIONS_FILE, display, CorrectionsFile,
                                           {"corrections": Correction, "attributions": Attribution})
    corrections = items["corrections"]
    found, corrected = _attributions(document, items["attributions"], day)
    problems += found
    for entry in day.transcripts:
        problems += [problem for turn, problem in entry.unresolved
                     if (entry.intervention.id, turn.paragraph) not in corrected]
    by_transcript: dict[str, list[CorrectionEntry]] = {}
    for index, correction in corrections:
        entry, found = _locate(document, index, correction, day)
        problems += found
        if entry is not None:
            by_transcript.setdefault(correction.intervention, []).append(entry)
    for intervention, entries in by_transcript.items():
        entries.sort(key=lambda e: (e.model.paragraph, e.start))
        for previous, entry in zip(entries, entries[1:]):
            if previous.model.paragraph == entry.model.paragraph and entry.start < previous.end:
                problems.append(document.problem(("corrections",), f"deux corrections se recouvrent au § "
                                                                   f"{entry.model.paragraph} de '{intervention}' : "
                                                                   f"{quote(previous.model.before)} et {quote(entry.model.before)}"))
        for number, entry in enumerate(entries, start=1):
            entry.number = number
        day.transcripts_by_id[intervention].corrections = entries
    return problems


def _locate(document: YamlDocument, index: int, correction: Correction, day) -> tuple[CorrectionEntry | None, list[Problem]]:
    location = ("corrections", index)
    transcript = day.transcripts_by_id.get(correction.intervention)
    known = [intervention.id for intervention in day.model.interventions]
    if transcript is None and correction.intervention in known:
        return None, []  # its source could not be read: reported there
    if transcript is None:
        valid = ", ".join(sorted(known))
        return None, [document.problem(location + ("intervention",), f"intervention inconnue (valeurs possibles : "
                                                                      f"{valid}) : {quote(correction.intervention)}")]
    paragraphs = transcript.transcript.paragraphs
    if correction.paragraph > len(paragraphs):
        return None, [document.problem(location + ("paragraph",), f"la transcription '{correction.intervention}' n'a que "
                                                                   f"{len(paragraphs)} paragraphes : {correction.paragraph}")]
    text = paragraphs[correction.paragraph - 1].plain
    wanted = plain_text(correction.before)
    count = text.count(wanted)
    if count != 1:
        why = "introuvable" if count == 0 else f"présent {count} fois (citez un passage plus long)"
        return None, [document.problem(location + ("before",), f"texte à corriger {why} dans le § {correction.paragraph} "
                                                                f"de '{correction.intervention}' (« {_excerpt(text, 0, 80)} ») : "
                                                                f"{quote(correction.before)}")]
    if wanted == plain_text(correction.after):
        return None, [document.problem(location + ("after",), f"la correction ne change rien : {quote(correction.after)}")]
    for rec in transcript.recommendations:
        if rec.paragraph != correction.paragraph:
            continue
        start = text.find(plain_text(rec.model.passage))
        if start < text.find(wanted) + len(wanted) and text.find(wanted) < start + len(plain_text(rec.model.passage)):
            return None, [document.problem(location + ("before",), f"la correction recouvre le passage de la "
                                                                    f"recommandation {rec.id}, qui cite le texte tel quel ; "
                                                                    f"corrigez hors du passage : {quote(correction.before)}")]
    return CorrectionEntry(correction, 0, text.find(wanted)), []
