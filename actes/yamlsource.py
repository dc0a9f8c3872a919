"""Read a YAML file and remember the line of every key and item, for error messages.

Strict: a file larger than limits.MAX_YAML_BYTES, anchors and aliases (&nom, *nom: the « billion
laughs »), explicit tags (!!python/…, !x) and duplicate keys are refused with their line, before
anything is built from the file. Messages are in French, values shortened (limits.quote).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from actes.characters import describe, first_forbidden, visible
from actes.files import UnreadableFile, decode_utf8, read_regular
from actes.limits import MAX_YAML_BYTES, quote

Location = tuple[Any, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, reported compiler style."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        message = self.message if len(self.message) <= 1000 else self.message[:1000] + "…"
        return visible(f"{self.path}:{self.line}: {message}")


@dataclass
class YamlDocument:
    """A parsed YAML file with the line (1-based) of each key path."""

    path: str
    data: Any
    lines: dict[Location, int] = field(default_factory=dict)

    def line_of(self, location: Location) -> int:
        """Line of the longest known prefix of `location` (1 if none)."""
        loc = tuple(location)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def problem(self, location: Location, message: str) -> Problem:
        return Problem(self.path, self.line_of(location), message)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loading (libyaml's C parser when present), but dates stay strings: pydantic validates
    them, with the field's line."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load_with_nodes(text: str):
    """Parse once: the node tree (for lines) and the data constructed from it."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return data, root


def _record_lines(node: yaml.Node, location: Location, lines: dict[Location, int], display: str,
                  problems: list[Problem]) -> None:
    lines.setdefault(location, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(Problem(display, line, f"clé en double (déjà ligne {seen[key]}) ; la seconde "
                                                       f"remplacerait la première : {quote(key)}"))
                continue
            seen[key] = line
            lines[location + (key,)] = line
            _record_lines(value_node, location + (key,), lines, display, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, location + (index,), lines, display, problems)


# The YAML parser's messages, in French (the rest: a general message, with line and column).
_SYNTAX_MESSAGES = [
    ("mapping values are not allowed", "« : » inattendu ; une valeur qui contient « : » s'écrit entre guillemets"),
    ("could not find expected ':'", "« : » attendu après la clé"),
    ("found character '\\t'", "tabulation interdite : indentez avec des espaces"),
    ("found character", "caractère interdit à cet endroit"),
    ("found undefined alias", "alias (*nom) refusé : écrivez la valeur en entier"),
    ("found unexpected end of stream", "fin de fichier inattendue : un guillemet ou un crochet n'est pas fermé"),
    ("found unknown escape character", "séquence d'échappement inconnue entre guillemets doubles"),
    ("control characters are not allowed", "caractère de contrôle interdit"),
    ("expected <block end>", "indentation incohérente : alignez cette ligne sur les clés de même niveau"),
    ("did not find expected key", "indentation incohérente : alignez cette ligne sur les clés de même niveau"),
    ("did not find expected '-' indicator", "indentation incohérente dans une liste"),
    ("did not find expected ',' or ']'", "liste entre crochets mal fermée : « ] » ou « , » attendu"),
    ("did not find expected ',' or '}'", "accolades mal fermées : « } » ou « , » attendu"),
    ("expected a single document", "un seul document attendu : retirez la ligne « --- » en trop"),
    ("but found another document", "un seul document attendu : retirez la ligne « --- » en trop"),
    ("invalid Unicode character escape code", "séquence « \\u… » invalide (demi-code de substitution isolé, ou hors "
                                              "d'Unicode) : aucune sortie ne peut porter ce caractère ; retirez-la"),
    ("quoted scalar", "guillemet non fermé"),
]


def _syntax_problem(error: yaml.YAMLError, display: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    english = " ".join(str(part) for part in (getattr(error, "context", None), getattr(error, "problem", None)) if part)
    reason = next((french for pattern, french in _SYNTAX_MESSAGES if pattern in english), "syntaxe incorrecte")
    return Problem(display, line, f"YAML invalide (colonne {column}) : {reason}")


def _refuse_anchors_and_tags(text: str, display: str) -> list[Problem]:
    """Read the file's events (cheap, linear) and refuse anchors, aliases and explicit tags."""
    problems: dict[int, Problem] = {}  # one per line
    loader = _Loader(text)
    try:
        while loader.check_event() and len(problems) < 10:
            event = loader.get_event()
            line = event.start_mark.line + 1
            if line in problems:
                continue
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                problems[line] = Problem(display, line, "ancre ou alias YAML (&nom, *nom) refusé : écrivez chaque "
                                                        f"valeur en entier : {quote(event.anchor)}")
            elif getattr(event, "tag", None) and isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                problems[line] = Problem(display, line, "étiquette YAML refusée (!…) : écrivez une valeur simple, "
                                                        f"entre guillemets si besoin : {quote(event.tag)}")
    finally:
        loader.dispose()
    return list(problems.values())


def read_yaml(path: Path, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse `path`; on a syntax error (or what the strict reading refuses) return no document and
    the problems with their line; duplicate keys are reported with the document."""
    try:
        raw = read_regular(path, MAX_YAML_BYTES)
        text = decode_utf8(raw)
    except UnreadableFile as error:
        return None, [Problem(display_path, error.line, str(error))]
    return parse_yaml(text, display_path)


def parse_yaml(text: str, display_path: str, first_line: int = 1) -> tuple[YamlDocument | None, list[Problem]]:
    """`read_yaml` for a text already read (a page's front matter, which starts at `first_line`)."""
    if first_line != 1:
        text = "\n" * (first_line - 1) + text
    text = text.removeprefix("\ufeff")
    try:
        problems = _refuse_anchors_and_tags(text, display_path)
        if problems:
            return None, problems
        data, root = _load_with_nodes(text)
    except yaml.YAMLError as error:
        return None, [_syntax_problem(error, display_path)]
    except RecursionError:
        return None, [Problem(display_path, 1, "YAML invalide : imbrication trop profonde")]
    lines: dict[Location, int] = {}
    problems = []
    if root is not None:
        _record_lines(root, (), lines, display_path, problems)
    document = YamlDocument(display_path, data, lines)
    problems += _forbidden_characters(document, data, ())
    return document, problems


def _forbidden_characters(document: YamlDocument, data: Any, location: Location) -> list[Problem]:
    """Every key and text holding a character no output can carry (a YAML escape such as "\\x00" or
    "\\uFFFE" writes one in a file that looks clean), with its line and code point."""
    found = []
    if isinstance(data, str):
        if character := first_forbidden(data):
            if location and isinstance(location[-1], int):
                name = f"l'élément {location[-1] + 1} de '{location[-2]}'" if len(location) > 1 else "cette valeur"
            else:
                name = f"'{location[-1]}'" if location else "cette valeur"
            found.append(document.problem(location, f"caractère interdit {describe(character)} dans {name} : aucune "
                                                    f"sortie (page, flux, PDF, données) ne peut le porter ; retirez-le "
                                                    f"(souvent une séquence « \\x… » ou « \\u… » entre guillemets "
                                                    f"doubles) : {quote(data)}"))
    elif isinstance(data, dict):
        for key, value in data.items():
            found += _forbidden_characters(document, key, location + (key,))
            found += _forbidden_characters(document, value, location + (key,))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found += _forbidden_characters(document, item, location + (index,))
    return found


_TYPE_NAMES = {"string_type": "un texte", "int_type": "un nombre entier", "int_parsing": "un nombre entier",
               "list_type": "une liste", "dict_type": "des champs « clé: valeur »",
               "model_type": "des champs « clé: valeur »", "model_attributes_type": "des champs « clé: valeur »",
               "bool_type": "oui ou non (true, false)", "bool_parsing": "oui ou non (true, false)"}


def _describe_pydantic_error(error: dict) -> str:
    kind, loc, value = error["type"], error["loc"], error.get("input")
    name = loc[-1] if loc else ""
    shown = quote(value)
    if kind == "missing":
        return f"champ obligatoire manquant : '{name}'"
    if kind == "extra_forbidden":
        return f"champ inconnu (vérifiez l'orthographe) : '{name}'"
    if kind.startswith("date"):
        return f"date invalide, attendu AAAA-MM-JJ : {shown}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "").replace(" or ", " ou ")
        return f"valeur invalide pour '{name}', attendu {expected} : {shown}"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        if name == "id" and "A-Z" in pattern:
            return f"identifiant de recommandation invalide, attendu PRÉFIXE-NN (ex. SN2018-01) : {shown}"
        if name in ("from", "to"):
            return (f"chemin de page invalide, attendu de la forme /dossier/page/ (on ne redirige qu'une page, "
                    f"pas un fichier ni une ancre) : {shown}")
        if name == "prefix":
            return f"préfixe invalide, attendu 2 à 4 majuscules et l'année (ex. SN2018) : {shown}"
        return f"identifiant invalide, attendu minuscules, chiffres et tirets (ex. gestion-des-collections) : {shown}"
    if kind == "list_type" and value is None:
        return f"liste vide : '{name}'"
    if kind == "string_type" and value is None:
        return f"valeur vide : '{name}'"
    if kind in ("too_short", "string_too_short"):
        return f"valeur vide : '{name}'"
    if kind in ("too_long", "string_too_long"):
        limit = error.get("ctx", {}).get("max_length", "")
        return f"valeur trop longue pour '{name}' (au plus {limit} caractères) : {shown}"
    if kind == "value_error":
        return f"valeur invalide pour '{name}' : {error.get('ctx', {}).get('error', '')} : {shown}"
    if kind in _TYPE_NAMES:
        where = f"'{name}'" if name != "" else "le fichier"
        return f"type incorrect pour {where}, attendu {_TYPE_NAMES[kind]} : {shown}"
    return f"valeur invalide pour '{name}' : {shown}"


def validate(document: YamlDocument, model: type[BaseModel], data=None,
             location: tuple = ()) -> tuple[BaseModel | None, list[Problem]]:
    """Validate a document (or the part of it at `location`) against a model; one problem per field in error,
    in French, at the line of the field."""
    if data is None:
        data = document.data if document.data is not None else {}
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = [
            document.problem(location + tuple(err["loc"]), _describe_pydantic_error(err))
            for err in exc.errors(include_url=False)
        ]
        return None, problems


def read_items(path: Path, display_path: str, file_model: type[BaseModel],
               item_models: dict[str, type[BaseModel]]) -> tuple[YamlDocument | None, dict[str, list[tuple[int, Any]]], list[Problem]]:
    """A data file that holds lists (one under each key of `item_models`), each item validated on its
    own, so that one bad item hides no other: its document (None if absent or unreadable), the valid
    items of each list as (index, model), and every problem."""
    items: dict[str, list[tuple[int, Any]]] = {key: [] for key in item_models}
    if not os.path.lexists(path):
        return None, items, []
    document, problems = read_yaml(path, display_path)
    if not document:
        return None, items, problems
    model, found = validate(document, file_model)
    problems += found
    for key, item_model in item_models.items():
        for index, item in enumerate(getattr(model, key) if model else []):
            parsed, found = validate(document, item_model, item, (key, index))
            problems += found
            if parsed is not None:
                items[key].append((index, parsed))
    return document, items, problems
