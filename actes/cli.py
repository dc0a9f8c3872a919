"""The `actes` command: editorial tools for the proceedings. Messages are in French, for editors."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from actes import editorial, permalinks
from actes.characters import visible
from actes.editorial import EditorialError
from actes.convert import convert, parse_transcript, to_markdown
from actes.structure import describe_plan, plan_day
from actes.corpus import CorpusError
from actes.publication import load_corpus
from actes.sources import SourceError, read_source


def _say(line: str, *, error: bool = False) -> None:
    """Print one line of a message: what came from the data shows escaped (actes.characters.visible),
    so that no value runs a terminal's escape sequences or fakes a line of its own."""
    print(visible(line), file=sys.stderr if error else sys.stdout)


def _convert(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        source = read_source(path)
    except SourceError as error:
        _say(f"{path}:1: {error} : '{path}'", error=True)
        return 1
    plan = plan_day(source.text)
    if args.explain:
        for where, what in source.notes:  # what reading the layout did (PDF, DOCX, ODT)
            _say(f"{path}: {where} : {what}")
        if plan.whole_day or plan.conversation:  # the plan: interventions, rosters, turns, what is dropped
            for line, what in plan.explanation:
                _say(f"{path}:{line}: {what}")
            for line in describe_plan(plan):
                _say(f"{path}: {line}")
            words = plan.account()
            _say(f"{path}: mots : " + ", ".join(f"{len(found)} {where}" for where, found in words.items())
                 + f", {sum(len(line.split()) for line in source.contents)} sommaire retiré à la lecture ; "
                 "chaque mot est gardé une fois, dans l'ordre")
            return 0
        transcript = parse_transcript(source.text)
        for line, what in transcript.explanation:
            _say(f"{path}:{line}: {what}")
        _say(f"{path}: {transcript.summary()} ; rien d'autre ne change : chaque mot est gardé, dans l'ordre.")
        return 0
    if plan.whole_day or plan.conversation:  # each intervention's Markdown, one after the other
        sys.stdout.write("".join(to_markdown(part.transcript()) for part in plan.interventions))
        return 0
    sys.stdout.write(convert(source.text))
    return 0


def _report_problems(problems: list) -> int:
    for problem in problems:
        _say(str(problem), error=True)
    count = len(problems)
    print(f"{count} problème{'s' if count > 1 else ''} trouvé{'s' if count > 1 else ''}.", file=sys.stderr)
    return 1


def _check(args: argparse.Namespace) -> int:
    root = Path(args.root)
    try:
        corpus = load_corpus(root)
    except CorpusError as error:
        return _report_problems(error.problems)
    if corpus.unregistered:
        return _report_problems(corpus.unregistered)
    print(f"Données valides : {len(corpus.days)} journée(s), {len(corpus.recommendations)} recommandation(s), "
          f"{len(corpus.functions)} fonction(s).")
    return 0


def _permalinks(args: argparse.Namespace) -> int:
    root = Path(args.root)
    try:
        corpus = load_corpus(root)
    except CorpusError as error:
        return _report_problems(error.problems)
    if corpus.unregistered and not args.update:
        return _report_problems(corpus.unregistered)
    published = corpus.published
    ledger = root / "data" / permalinks.LEDGER_FILE
    if not args.update:
        print(f"Registre à jour : {len(published)} permaliens publiés.")
        return 0
    added = permalinks.update_ledger(ledger, published)
    for url in added:
        _say(f"ajouté : {url}")
    print(f"{len(added)} permalien(s) ajouté(s) ; le registre en compte {len(permalinks.read_ledger(ledger))}.")
    return 0


def _report(action) -> int:
    try:
        report = action()
    except EditorialError as error:
        for reason in error.reasons:
            _say(f"erreur : {reason}", error=True)
        print("Rien n'a été écrit.", file=sys.stderr)
        return 1
    for line in report.lines:
        _say(line)
    return 0


def _new_day(args: argparse.Namespace) -> int:
    if args.source:
        return _report(lambda: editorial.new_day_from(Path(args.root), Path(args.source), date=args.date or args.date_option,
                                                      title=args.title or args.title_option, slug=args.slug,
                                                      prefix=args.prefix, organiser=args.organiser))
    date, title = args.date or args.date_option, args.title or args.title_option
    if date is None or title is None:
        print("erreur : donnez la date et le titre de la journée (actes new-day AAAA-MM-JJ \"TITRE\"), ou le document "
              "de la journée entière (actes new-day --from FICHIER)", file=sys.stderr)
        return 1
    return _report(lambda: editorial.new_day(Path(args.root), date, title, slug=args.slug, prefix=args.prefix,
                                             organiser=args.organiser))


def _ingest(args: argparse.Namespace) -> int:
    return _report(lambda: editorial.ingest(Path(args.root), args.day, Path(args.source), name=args.name, force=args.force))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="actes", description="Outils éditoriaux des actes des journées professionnelles.")
    commands = parser.add_subparsers(dest="command", required=True)

    convert_cmd = commands.add_parser("convert", help="convertit une transcription brute en Markdown (sur la sortie standard)")
    convert_cmd.add_argument("file", help="fichier source (.txt, .md, .pdf, .docx, .odt)")
    convert_cmd.add_argument("--explain", action="store_true",
                             help="au lieu du Markdown, la liste de ce que la conversion retire ou rejoint, ligne par ligne")
    convert_cmd.set_defaults(run=_convert)

    check_cmd = commands.add_parser("check", help="valide toutes les données sans construire le site")
    check_cmd.add_argument("--root", default=".", help="dossier du projet (par défaut : le dossier courant)")
    check_cmd.set_defaults(run=_check)

    new_day_cmd = commands.add_parser("new-day", help="crée le dossier d'une nouvelle journée")
    new_day_cmd.add_argument("date", nargs="?", help="date de la journée, AAAA-MM-JJ")
    new_day_cmd.add_argument("title", nargs="?", help="titre de la journée, entre guillemets")
    new_day_cmd.add_argument("--from", dest="source",
                             help="document de la journée entière (.docx, .odt, .pdf, .txt) : date, titre et "
                                  "organisateur lus sur sa couverture, interventions, distributions et tours de parole")
    new_day_cmd.add_argument("--date", dest="date_option", help="date de la journée (l'emporte sur la couverture)")
    new_day_cmd.add_argument("--title", dest="title_option", help="titre de la journée (l'emporte sur la couverture)")
    new_day_cmd.add_argument("--organiser", help="organisateur de la journée (l'emporte sur la couverture)")
    new_day_cmd.add_argument("--slug", help="titre court du dossier et de l'adresse (par défaut : tiré du titre)")
    new_day_cmd.add_argument("--prefix", help="préfixe des identifiants de recommandation (par défaut : initiales et année)")
    new_day_cmd.add_argument("--root", default=".", help="dossier du projet (par défaut : le dossier courant)")
    new_day_cmd.set_defaults(run=_new_day)

    ingest_cmd = commands.add_parser("ingest", help="importe une source (.txt, .md, .pdf, .docx, .odt) et écrit sa transcription ; "
                                       "le document d'une journée entière donne toutes ses interventions")
    ingest_cmd.add_argument("day", help="dossier de la journée (ex. 2018-10-05-strategie-numerique)")
    ingest_cmd.add_argument("source", help="fichier source tel que reçu")
    ingest_cmd.add_argument("--as", dest="name", help="identifiant de l'intervention (par défaut : tiré du nom du fichier)")
    ingest_cmd.add_argument("--force", action="store_true", help="remplace une transcription modifiée à la main")
    ingest_cmd.add_argument("--root", default=".", help="dossier du projet (par défaut : le dossier courant)")
    ingest_cmd.set_defaults(run=_ingest)

    permalinks_cmd = commands.add_parser("permalinks", help="vérifie le registre des permaliens (data/permaliens.txt)")
    permalinks_cmd.add_argument("--update", action="store_true", help="ajoute les nouveaux permaliens (n'en retire jamais)")
    permalinks_cmd.add_argument("--root", default=".", help="dossier du projet (par défaut : le dossier courant)")
    permalinks_cmd.set_defaults(run=_permalinks)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # the output was piped to a command that stopped reading (head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("Interrompu : rien n'a été écrit (une importation interrompue après son point de validation est "
              "terminée par la prochaine commande 'actes ingest' de la journée).", file=sys.stderr)
        return 130
    except Exception as error:  # the last resort: never a traceback for an editor
        detail = visible(" ".join(str(error).split())[:200])
        print(f"erreur inattendue ({type(error).__name__}{' : ' + detail if detail else ''}).\n"
              "Rien n'a été écrit. Signalez-la à l'équipe technique avec la commande lancée et ses fichiers.",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
