"""A whole study day in one document (tests/fixtures/journee-entiere: one fictional day of our own,
laid out by LibreOffice as ODT, DOCX and PDF, and by pandoc as DOCX, made by its fabriquer.py):
its cover, contents, interventions, rosters and speaker turns, read as the text it was made from
says; then imported by `actes new-day --from` and built into the site."""

from __future__ import annotations

import collections
import datetime
import re
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from actes.sources import SourceError, read_source
from actes.structure import plan_day, resolve_label, split_name
from conftest import ROOT, Site, actes, build, copy_project, publish_locally

FIXTURES = ROOT / "tests/fixtures/journee-entiere"


def _maker():
    """The fixture's own fabriquer.py (under another name than the producers' one)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("fabriquer_journee_entiere", FIXTURES / "fabriquer.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


MAKER = _maker()
expected_words, read_day = MAKER.expected_words, MAKER.read_day

DAY = read_day()
# Every producer's file: each intervention, roster entry and turn read right.
SOURCES = sorted((FIXTURES / "sources").iterdir())
ODT, LIBREOFFICE_DOCX, PANDOC_DOCX = (FIXTURES / "sources" / name for name in (
    "journee-libreoffice.odt", "journee-libreoffice.docx", "journee-pandoc.docx"))


def typographic(text: str) -> str:
    """pandoc sets « ' » as « ’ », LibreOffice's PDF prints small capitals as capitals: the
    producer's typography, not another word."""
    return text.replace("’", "'")


def words(items) -> collections.Counter:
    """Words as compared: small capitals printed as capitals are the same words."""
    return collections.Counter(typographic(word).casefold() for word in items)


@pytest.fixture(scope="module", params=SOURCES, ids=lambda p: p.name)
def reading(request):
    source = read_source(request.param)
    return request.param, source, plan_day(source.text)


def test_the_cover_becomes_the_day(reading):
    _, _, plan = reading
    kind, title, date, organiser = DAY.cover
    assert (plan.cover.kind, plan.cover.title, plan.cover.organiser) == (kind, title, organiser)
    assert plan.cover.date == datetime.date(2030, 3, 14)


def test_the_interventions_come_from_the_structure(reading):
    _, _, plan = reading
    assert [typographic(i.title) for i in plan.interventions] == [typographic(p.title) for p in DAY.parts]


def test_every_roster_entry_is_read_into_its_fields(reading):
    _, _, plan = reading
    for intervention, part in zip(plan.interventions, DAY.parts):
        found = [(l.part, l.civility, l.given, typographic(l.family), l.role) for l in intervention.roster]
        assert found == [(e.part, e.civility, e.given, typographic(e.family), e.role) for e in part.roster]
        assert [l.person for l in intervention.roster] == [e.person for e in part.roster]


def reads_bold(path: Path) -> bool:
    """A text extraction shows no bold: a name that only its bold makes a label is text there (the
    editor says it is a turn in data: « action: nouveau-tour »)."""
    return path.suffix != ".txt"


def test_every_turn_is_tied_to_its_speaker(reading):
    path, _, plan = reading
    for intervention, part in zip(plan.interventions, DAY.parts):
        expected = [(turn.speaker, typographic(turn.label).casefold(), turn.separator)
                    for kind, turn in part.items if kind == "turn" and (reads_bold(path) or not turn.bold_only)]
        found = []
        for block in intervention.blocks:
            if block.label:
                resolution = resolve_label(block.label, intervention.roster)
                found.append(("salle" if resolution.floor else resolution.person,
                              typographic(block.label).casefold(), block.separator))
        assert found == expected, intervention.title


def test_every_word_is_accounted_for_once(reading):
    """In a transcript, a title, a roster line, a turn label, the cover or the contents dropped;
    nothing lost, nothing added."""
    path, source, plan = reading
    account = plan.account()
    contents = account.pop("sommaire") + [w for line in source.contents for w in line.split()]
    assert words(w for found in account.values() for w in found) == words(expected_words(DAY))
    # The contents dropped: « Sommaire », each title and its page number.
    titles = words(w for part in DAY.parts for w in part.title.split())
    dropped = words(re.sub(r"\.{2,}", " ", " ".join(contents)).split())
    printed = "groff" not in path.name  # groff's ms prints no table of contents in this fixture
    assert dropped["sommaire"] == int(printed) and not (dropped - titles - words(["Sommaire", *map(str, range(1, 10))]))


def test_each_intervention_keeps_its_text_in_order_and_its_own_notes(reading):
    path, _, plan = reading
    for intervention, part in zip(plan.interventions, DAY.parts):
        expected = []
        calls = []
        for kind, item in part.items:
            paragraphs = item.paragraphs if kind == "turn" else [] if kind == "section" else [(kind, item)]
            if kind == "section":
                expected += item.split()
            if kind == "turn" and item.bold_only and not reads_bold(path):
                expected += item.label.split()  # text, where nothing shows it is a label
            for _, text in paragraphs:
                expected += re.sub(r"\[\^\d+\]", "", text).replace("*", "").split()
                calls += re.findall(r"\[\^(\d+)\]", text)
        expected += [w for n in calls for w in DAY.notes[n].split()]
        found = [w for block in intervention.blocks for w in block.plain.split()]
        assert [typographic(w) for w in found] == [typographic(w) for w in expected], intervention.title


def test_names_stay_whole():
    assert split_name("M. Yann Le Goff") == ("M.", "Yann", "Le Goff")
    assert split_name("Mme Hélène Morvan-Delisle") == ("Mme", "Hélène", "Morvan-Delisle")
    assert split_name("Mme Anne de La Tour d'Auvergne") == ("Mme", "Anne", "de La Tour d'Auvergne")
    assert split_name("Mme de La Tour d'Auvergne") == ("Mme", None, "de La Tour d'Auvergne")
    assert split_name("Karim BENALI") == (None, "Karim", "BENALI")
    assert split_name("le ministre") is None


run = actes  # the project's CLI, as an editor runs it (conftest)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """A copy of the project with the fixture day imported from its ODT, and its site built."""
    root = copy_project(tmp_path_factory.mktemp("journee-entiere"))
    done = run("new-day", "--from", ODT, cwd=root)
    assert done.returncode == 0, done.stderr
    publish_locally(root)
    return root, done.stdout, Site(root / "site")


def test_new_day_from_a_document_creates_the_day_its_interventions_and_rosters(imported):
    root, output, _ = imported
    folder = root / "data/journees/2030-03-14-musees-hors-murs"
    day = yaml.safe_load((folder / "journee.yml").read_text(encoding="utf-8"))
    assert (day["title"], day["date"], day["organiser"]) == (DAY.cover[1], datetime.date(2030, 3, 14), DAY.cover[3])
    assert [i["title"] for i in day["interventions"]] == [p.title for p in DAY.parts]
    assert [i["part"] for i in day["interventions"]] == [1, 2, 3, 4]
    for item, part in zip(day["interventions"], DAY.parts):
        assert [(s.get("part", "intervention"), s["given"], s["family"], s["role"]) for s in item["speakers"]] == \
            [(e.part, e.given, e.family, e.role) for e in part.roster]
    # The raw source, kept once, whole, as received.
    assert [p.name for p in (folder / "sources").iterdir()] == ["journee-libreoffice.odt"]
    assert (folder / "sources/journee-libreoffice.odt").read_bytes() == ODT.read_bytes()
    assert "Lu sur la couverture : Journée professionnelle / Les musées hors les murs" in output
    assert "sommaire retiré : Sommaire" in output


def test_a_round_table_reads_as_a_conversation_on_its_page(imported):
    root, _, site = imported
    day = yaml.safe_load((root / "data/journees/2030-03-14-musees-hors-murs/journee.yml").read_text(encoding="utf-8"))
    for item, part in zip(day["interventions"], DAY.parts):
        markdown = (root / f"docs/journees/2030-03-14-musees-hors-murs/{item['id']}.md").read_text(encoding="utf-8")
        page = site.page(f"journees/2030-03-14-musees-hors-murs/{item['id']}/")
        labels = [strong.get_text() for p in page.select("p[id^=p]") for strong in p.find_all("strong", recursive=False)]
        turns = [turn for kind, turn in part.items if kind == "turn"]
        assert [typographic(label) for label in labels] == [typographic(turn.label) for turn in turns]
        for turn in turns:  # the Markdown opens each turn with its label as printed
            opening = f"**{turn.label}** {turn.separator} " if turn.separator else f"**{turn.label}** "
            assert opening in markdown


def test_the_cover_title_and_date_given_on_the_command_line_win(tmp_path):
    root = copy_project(tmp_path)
    done = run("new-day", "--from", PANDOC_DOCX, "--title", "Hors les murs, autrement", "--date", "2030-03-15", cwd=root)
    assert done.returncode == 0, done.stderr
    day = yaml.safe_load((root / "data/journees/2030-03-15-hors-murs-autrement/journee.yml").read_text(encoding="utf-8"))
    assert (day["title"], day["date"]) == ("Hors les murs, autrement", datetime.date(2030, 3, 15))


WITHOUT_DATE = """Journée professionnelle
Le musée et ses voisins
Direction imaginaire des musées

Ouverture
Intervention de Mme Jeanne Arnaud, directrice imaginaire

Je vous souhaite la bienvenue.

Table ronde : les voisins
Modération : M. Louis Perrin, conseiller imaginaire
Intervenants :
- Mme Rose Martin, conservatrice imaginaire
- M. Paul Martin, régisseur imaginaire

M. Louis Perrin. – Madame, vous commencez ?

M. Martin : Je commence, volontiers.

Mme Odile Brun. – Une question, si vous permettez.
"""


def test_a_cover_without_a_date_is_a_clear_french_error_and_nothing_is_written(tmp_path):
    root = copy_project(tmp_path)
    source = tmp_path / "voisins.txt"
    source.write_text(WITHOUT_DATE, encoding="utf-8")
    before = sorted(p.name for p in (root / "data/journees").iterdir())
    done = run("new-day", "--from", source, cwd=root)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "date de la journée illisible sur la couverture" in done.stderr and "--date AAAA-MM-JJ" in done.stderr
    assert sorted(p.name for p in (root / "data/journees").iterdir()) == before


def test_a_label_naming_someone_off_the_roster_adds_them_and_an_ambiguous_one_is_an_error(tmp_path):
    root = copy_project(tmp_path)
    source = tmp_path / "voisins.txt"
    source.write_text(WITHOUT_DATE, encoding="utf-8")
    done = run("new-day", "--from", source, "--date", "2030-05-02", cwd=root)
    assert done.returncode == 0, done.stderr
    assert "intervenant ajouté à 'table-ronde-voisins' : « Mme Odile Brun. »" in done.stdout
    assert "à trancher" in done.stdout and "« M. Martin »" in done.stdout
    day_file = root / "data/journees/2030-05-02-musee-voisins/journee.yml"
    day = yaml.safe_load(day_file.read_text(encoding="utf-8"))
    added = day["interventions"][1]["speakers"][-1]
    assert (added["civility"], added["given"], added["family"]) == ("Mme", "Odile", "Brun") and "role" not in added
    run("permalinks", "--update", cwd=root)
    checked = run("check", cwd=root)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    line = [n for n, text in enumerate(day_file.read_text(encoding="utf-8").split("\n"), start=1)
            if text.strip() == "speakers:"][1]
    assert re.search(rf"journee\.yml:{line}: tour de parole du § 2 de 'table-ronde-voisins' : « M\. Martin » peut "
                     r"désigner paul-martin ou rose-martin", checked.stderr), checked.stderr
    # The editor says who it is, in data: a correction of attribution, listed on the day page.
    (day_file.parent / "corrections.yml").write_text(
        "attributions:\n  - intervention: table-ronde-voisins\n    paragraph: 3\n    speaker: inconnu\n"
        "    reason: x\n", encoding="utf-8")
    checked = run("check", cwd=root)
    assert "corrections.yml:4: intervenant inconnu de 'table-ronde-voisins' (valeurs possibles : louis-perrin, "\
           "odile-brun, paul-martin, rose-martin, salle)" in checked.stderr, checked.stderr
    (day_file.parent / "corrections.yml").write_text(
        "attributions:\n  - intervention: table-ronde-voisins\n    paragraph: 2\n    speaker: paul-martin\n"
        "    reason: Le régisseur répond, d'après l'enregistrement.\n", encoding="utf-8")
    assert run("permalinks", "--update", cwd=root).returncode == 0
    checked = run("check", cwd=root)
    assert checked.returncode == 0, checked.stderr
    built = build(root, root / "site")
    assert built.returncode == 0, built.stderr[-2000:]
    listed = Site(root / "site").page("journees/2030-05-02-musee-voisins/").select_one("#attributions ~ ul li")
    assert "§\xa02" in listed.get_text() and "M. Paul Martin" in listed.get_text()
    assert "d’après l’enregistrement" in listed.get_text()


def test_convert_explain_shows_the_plan(tmp_path):
    done = run("convert", "--explain", LIBREOFFICE_DOCX, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "sommaire : table des matières retirée (5 ligne(s))" in out
    assert "intervention 2 (table ronde, lignes" in out
    assert "distribution : Modération : → modération : civilité M., prénom Yann, nom Le Goff" in out
    assert "tour (ligne" in out and "« Le modérateur. » → yann-le-goff" in out
    assert "« Une participante. » → la salle" in out


def test_an_odt_declaring_entities_is_refused(tmp_path):
    hostile = tmp_path / "hostile.odt"
    with zipfile.ZipFile(hostile, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                                        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
    with pytest.raises(SourceError, match="entités XML, refusées"):
        read_source(hostile)


def test_a_round_table_in_its_own_document_is_read_with_its_roster_and_turns(tmp_path):
    """One intervention per document, as proceedings also arrive: a round table keeps its roster
    and its speakers' turns (python-docx, Word's styles, labels in bold and small capitals)."""
    source = FIXTURES / "une-intervention/seconde-table-ronde-python-docx.docx"
    part = DAY.parts[2]
    root = copy_project(tmp_path)
    created = run("new-day", "2030-03-14", "Les musées hors les murs", cwd=root)
    assert created.returncode == 0, created.stderr
    done = run("ingest", "2030-03-14-musees-hors-murs", source, "--as", "seconde-table-ronde", cwd=root)
    assert done.returncode == 0, done.stderr
    assert "une intervention à plusieurs voix" in done.stdout
    folder = root / "data/journees/2030-03-14-musees-hors-murs"
    [item] = yaml.safe_load((folder / "journee.yml").read_text(encoding="utf-8"))["interventions"]
    assert (item["id"], item["title"], item["source"]) == ("seconde-table-ronde", part.title, "seconde-table-ronde.docx")
    assert [(s.get("part", "intervention"), s["given"], s["family"], s["role"]) for s in item["speakers"]] == \
        [(e.part, e.given, e.family, e.role) for e in part.roster]
    markdown = (root / "docs/journees/2030-03-14-musees-hors-murs/seconde-table-ronde.md").read_text(encoding="utf-8")
    turns = [turn for kind, turn in part.items if kind == "turn"]
    for turn in turns:  # small capitals: the letters as typed
        assert (f"**{turn.label}** {turn.separator} " if turn.separator else f"**{turn.label}** ") in markdown
    assert run("permalinks", "--update", cwd=root).returncode == 0
    checked = run("check", cwd=root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # Ingested again, unchanged: nothing to do; under an id another source holds: refused, nothing written.
    again = run("ingest", "2030-03-14-musees-hors-murs", source, "--as", "seconde-table-ronde", cwd=root)
    assert again.returncode == 0 and "Rien à faire" in again.stdout
    other = tmp_path / "autre.txt"
    other.write_text("Une autre table ronde\n\nModération : Mme Zoé Durand, médiatrice\n\n"
                     "Mme Zoé Durand. – Bonjour.\n\nMme Durand : Merci.\n", encoding="utf-8")
    before = (folder / "journee.yml").read_bytes()
    refused = run("ingest", "2030-03-14-musees-hors-murs", other, "--as", "seconde-table-ronde", cwd=root)
    assert refused.returncode == 1 and "l'intervention 'seconde-table-ronde' existe déjà avec une autre source" \
        in refused.stderr and "Traceback" not in refused.stderr
    assert (folder / "journee.yml").read_bytes() == before and not (folder / "sources/seconde-table-ronde.txt").exists()


def test_a_turn_the_reading_missed_or_made_up_is_corrected_in_data_and_listed(tmp_path):
    """Split a turn (a speaker the reading ran into the one before), name a label it missed, say a
    label opens no turn: corrections of attribution, checked file:line, listed on the day page."""
    root = copy_project(tmp_path)
    source = tmp_path / "voisins.txt"
    source.write_text(WITHOUT_DATE + "\nPaul, le régisseur : Oui, toujours.\n\nEt la salle est pleine, je le note.\n",
                      encoding="utf-8")
    assert run("new-day", "--from", source, "--date", "2030-05-02", cwd=root).returncode == 0
    folder = root / "data/journees/2030-05-02-musee-voisins"
    corrections = folder / "corrections.yml"
    head = "attributions:\n"
    ambiguous = ("  - intervention: table-ronde-voisins\n    paragraph: 2\n    speaker: paul-martin\n"
                 "    reason: Le régisseur répond.\n")
    wrong = [  # each with the line of its problem
        ("  - intervention: table-ronde-voisins\n    paragraph: 4\n    action: nouveau-tour\n    speaker: paul-martin\n"
         "    label: Paul le régisseur\n    reason: x\n", 4, "ne commence pas par ces mots"),
        ("  - intervention: table-ronde-voisins\n    paragraph: 1\n    action: nouveau-tour\n    speaker: paul-martin\n"
         "    reason: x\n", 1, "ouvre déjà un tour de parole"),
        ("  - intervention: table-ronde-voisins\n    paragraph: 5\n    action: pas-un-tour\n    reason: x\n", 1,
         "n'ouvre aucun tour de parole"),
        ("  - intervention: table-ronde-voisins\n    paragraph: 3\n    action: pas-un-tour\n    speaker: salle\n"
         "    reason: x\n", 3, "ne nomme personne"),
        ("  - intervention: table-ronde-voisins\n    paragraph: 9\n    action: fusionner\n    speaker: salle\n"
         "    reason: x\n", 2, "action"),
    ]
    text, lines, start = head + ambiguous, [], 1 + ambiguous.count("\n")
    for item, offset, _ in wrong:
        lines.append(start + 1 + offset)
        text += item
        start += item.count("\n")
    corrections.write_text(text, encoding="utf-8")
    checked = run("check", cwd=root)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    for (_, _, message), line in zip(wrong, lines):  # every problem, in one run, at its line
        assert re.search(rf"corrections\.yml:{line}: .*{re.escape(message)}", checked.stderr), (line, checked.stderr)
    corrections.write_text(head + ambiguous + (
        "  - intervention: table-ronde-voisins\n    paragraph: 4\n    action: nouveau-tour\n    speaker: paul-martin\n"
        "    label: 'Paul, le régisseur'\n    reason: Le régisseur, nommé par son prénom et sa fonction.\n"
        "  - intervention: table-ronde-voisins\n    paragraph: 5\n    action: nouveau-tour\n    speaker: louis-perrin\n"
        "    reason: Le modérateur reprend la parole, d'après l'enregistrement.\n"
        "  - intervention: table-ronde-voisins\n    paragraph: 3\n    action: pas-un-tour\n"
        "    reason: La question est lue par le régisseur.\n"), encoding="utf-8")
    assert run("permalinks", "--update", cwd=root).returncode == 0
    checked = run("check", cwd=root)
    assert checked.returncode == 0, checked.stderr
    assert build(root, root / "site").returncode == 0
    listed = [li.get_text(" ", strip=True) for li in
              Site(root / "site").page("journees/2030-05-02-musee-voisins/").select("#attributions ~ ul li")]
    assert len(listed) == 4
    assert "§\xa04" in listed[1] and "un tour de parole de M. Paul Martin commence ici" in listed[1] \
        and "Paul, le régisseur" in listed[1]
    assert "§\xa05" in listed[2] and "M. Louis Perrin" in listed[2]
    assert "§\xa03" in listed[3] and "Mme Odile Brun." in listed[3] and "n’ouvre pas un tour de parole" in listed[3] \
        and "continue celui de M. Paul Martin" in listed[3]


OTHER_DAYS = FIXTURES / "autres"
OTHER_SOURCES = sorted((OTHER_DAYS / "sources").iterdir())


@pytest.mark.parametrize("path", OTHER_SOURCES, ids=lambda p: p.name)
def test_two_other_days_read_right_whatever_their_conventions(path):
    """Two more days of our own with other conventions (« Allocution d'ouverture / Par … », « Animation : »,
    « Avec : », « Présidée par », « Modératrice : », a role in brackets, list punctuation, « M. le
    Président. », « Mme la Modératrice. », a name without civility and a colon, « Débat avec la
    salle »), each through pandoc, LibreOffice and pdftotext: what attendu.yml reads off their texts."""
    expected = yaml.safe_load((OTHER_DAYS / "attendu.yml").read_text(encoding="utf-8"))[path.name.rsplit("-", 1)[0]
                                                                                        .removesuffix("-pdftotext")]
    source = read_source(path)
    plan = plan_day(source.text)
    kind, title, date, organiser = expected["cover"]
    assert (plan.cover.kind, plan.cover.title, plan.cover.date, plan.cover.organiser) == (kind, title, date, organiser)
    assert [i.title for i in plan.interventions] == [i["title"] for i in expected["interventions"]]
    for intervention, wanted in zip(plan.interventions, expected["interventions"]):
        assert [[l.part, l.civility, l.given, l.family, l.role] for l in intervention.roster] == wanted["roster"]
        turns = []
        for block in intervention.blocks:
            if block.label:
                resolution = resolve_label(block.label, intervention.roster)
                turns.append([block.label, "salle" if resolution.floor else resolution.person])
        assert turns == wanted["turns"], intervention.title
    account = plan.account()
    markdown_words = [w for words in account.values() for w in words]
    text = (OTHER_DAYS / f"{path.name.rsplit('-', 1)[0].removesuffix('-pdftotext')}.md").read_text(encoding="utf-8")
    expected_words = re.sub(r"[*#]|^- ", " ", text, flags=re.MULTILINE).split()
    assert collections.Counter(w.replace("’", "'") for w in markdown_words if w != "-") == \
        collections.Counter(w.replace("’", "'") for w in expected_words if w not in ("-", "•"))
