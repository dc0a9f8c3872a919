"""A deterministic synthetic corpus of N study days, made through the project's own CLI and data
format: `actes new-day`, `actes ingest` (sources with running headers and page breaks),
recommandations.yml, `actes permalinks --update`."""

from __future__ import annotations

import contextlib
import datetime
import io
import random
import shutil
from pathlib import Path

import yaml

from actes.cli import main as actes

ROOT = Path(__file__).resolve().parents[1]
TEXTS_PER_DAY = 8
WORDS_PER_TEXT = 2600
RECOMMENDATIONS_PER_DAY = 10
WORDS_PER_PAGE = 350
VOCABULARY = """
musée musées collection collections public publics médiation numérique stratégie équipe équipes projet projets
conservation conservateur conservatrice exposition expositions œuvre œuvres patrimoine culture culturel culturelle
visiteur visiteurs accueil billetterie communication diffusion valorisation édition inventaire documentation
réserve réserves restauration régie prêt prêts partenaire partenaires territoire territoires région ville
établissement direction budget financement mécénat ressources humaines formation compétence compétences métier
métiers outil outils données base bases site réseau réseaux application applications dispositif dispositifs
atelier ateliers scolaire scolaires famille familles jeune jeunes étudiant chercheur chercheurs recherche
programmation saison événement événements rencontre rencontres journée journées table ronde débat question
questions réponse réponses enjeu enjeux objectif objectifs méthode méthodes démarche démarches usage usages
pratique pratiques accessibilité inclusion participation contribution co-construction évaluation indicateur
indicateurs étude études enquête enquêtes fréquentation audience audiences contenu contenus ressource
numérisation image images photographie photographies licence licences ouverture ouvertes réutilisation
maintenance technique techniques matériel logiciel logiciels prestataire prestataires marché marchés
le la les un une des du de et à au aux en dans pour par sur avec sans entre vers chez selon depuis pendant
nous vous ils elles il elle on qui que dont où mais donc or ni car aussi ainsi encore déjà toujours souvent
doit doivent peut peuvent faut permet permettent favorise renforce développe construit partage accompagne
mieux plus moins très bien ensemble chaque tous toutes autre autres même nouveau nouvelle nouvelles grand
""".split()
FUNCTIONS = ["mediation", "communication", "gestion-des-collections", "valorisation", "diffusion", "edition",
             "maintenance-technique", "billetterie", "gestion-administrative-et-financiere", "ressources-humaines",
             "direction-et-strategie"]
GIVEN = ["Anne", "Paul", "Claire", "Louis", "Marie", "Jean", "Sophie", "Marc", "Julie", "Henri"]
FAMILY = ["Martin", "Bernard", "Durand", "Petit", "Moreau", "Laurent", "Simon", "Michel", "Lefebvre", "Garnier"]


def _sentence(rng: random.Random) -> list[str]:
    words = [rng.choice(VOCABULARY) for _ in range(rng.randint(8, 20))]
    words[0] = words[0].capitalize()
    words[-1] += rng.choice([".", ".", ".", " ?", " !"]) if not words[-1].endswith(".") else ""
    return words


def _paragraphs(rng: random.Random, count_words: int) -> list[list[list[str]]]:
    """Paragraphs, each a list of sentences, each a list of words."""
    paragraphs, total = [], 0
    while total < count_words:
        paragraph = [_sentence(rng) for _ in range(rng.randint(3, 8))]
        paragraphs.append(paragraph)
        total += sum(map(len, paragraph))
    return paragraphs


def _source_text(rng: random.Random, day_title: str, day_date: str, title: str, speaker: str,
                 paragraphs: list[list[list[str]]]) -> str:
    """The text as a PDF extraction gives it: headers at each page, hard-wrapped lines, page numbers."""
    lines = [f"## {title}", "", speaker, ""]
    for sentences in paragraphs:
        paragraph = [word for sentence in sentences for word in sentence]
        for start in range(0, len(paragraph), 12):
            lines.append(" ".join(paragraph[start:start + 12]))
        lines.append("")
    pages, page, words = [], [], 0
    for line in lines:
        page.append(line)
        words += len(line.split())
        if words >= WORDS_PER_PAGE:
            pages.append(page)
            page, words = [], 0
    pages.append(page)
    header = f"Journée professionnelle\n\n{day_title}\n\n{day_date}\n\n"
    return "\n\n\n".join(f"{header}" + "\n".join(p).strip("\n") + f"\n\n- {n} -" for n, p in enumerate(pages, 1))


def _prefix(index: int, year: int) -> str:
    letters = ""
    for _ in range(3):
        letters = chr(ord("A") + index % 26) + letters
        index //= 26
    return f"{letters}{year}"


def make_project(destination: Path, days: int, seed: int = 2018) -> Path:
    """A copy of the project's code and editorial pages, with `days` synthetic days and no other."""
    for name in ("hooks", "overrides", "actes"):
        shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", destination / "docs", ignore=shutil.ignore_patterns("journees"))
    (destination / "data/journees").mkdir(parents=True)
    shutil.copy(ROOT / "data/fonctions.yml", destination / "data/fonctions.yml")
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    sources = destination / "sources-recues"
    sources.mkdir()
    root = str(destination)
    with contextlib.redirect_stdout(io.StringIO()):
        for index in range(days):
            rng = random.Random(seed * 1000 + index)
            date = datetime.date(2000, 1, 1) + datetime.timedelta(days=37 * index)
            title = f"Journée synthétique {index + 1} : {rng.choice(VOCABULARY)} et {rng.choice(VOCABULARY)}"
            slug = f"synthese-{index + 1}"
            prefix = _prefix(index, date.year)
            assert actes(["new-day", date.isoformat(), title, "--slug", slug, "--prefix", prefix, "--root", root]) == 0
            day = f"{date.isoformat()}-{slug}"
            texts = []
            for number in range(1, TEXTS_PER_DAY + 1):
                speaker = f"Intervention de M. {rng.choice(GIVEN)} {rng.choice(FAMILY)}, intervenant synthétique {number}"
                paragraphs = _paragraphs(rng, WORDS_PER_TEXT)
                source = sources / f"{day}-texte-{number}.txt"
                source.write_text(_source_text(rng, title, date.isoformat(), f"Texte synthétique {number}",
                                               speaker, paragraphs), encoding="utf-8")
                assert actes(["ingest", day, str(source), "--as", f"texte-{number}", "--root", root]) == 0
                texts.append(paragraphs)
            recommendations = []
            for number in range(1, RECOMMENDATIONS_PER_DAY + 1):
                text = rng.randrange(TEXTS_PER_DAY)
                # A whole sentence: a page break may split a paragraph between two sentences.
                sentence = rng.choice(rng.choice(texts[text]))
                recommendations.append({
                    "id": f"{prefix}-{number:02d}",
                    "title": f"Recommandation synthétique {number} sur {rng.choice(VOCABULARY)}",
                    "statement": " ".join(_sentence(rng)),
                    "intervention": f"texte-{text + 1}",
                    "passage": " ".join(sentence),
                    "functions": rng.sample(FUNCTIONS, rng.randint(1, 3)),
                })
            (destination / "data/journees" / day / "recommandations.yml").write_text(
                yaml.safe_dump({"recommendations": recommendations}, allow_unicode=True, sort_keys=False), encoding="utf-8")
        assert actes(["permalinks", "--update", "--root", root]) == 0
    shutil.rmtree(sources)
    return destination
