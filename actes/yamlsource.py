"""Read a YAML file and remember the line of every key and item, for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

Location = tuple[Any, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, reported compiler style."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


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


def _record_lines(node: yaml.Node, location: Location, lines: dict[Location, int]) -> None:
    lines.setdefault(location, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[location + (key,)] = key_node.start_mark.line + 1
            _record_lines(value_node, location + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, location + (index,), lines)


def read_yaml(path: Path, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse `path`; on a syntax error return no document and a problem with line and column."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return None, [Problem(display_path, 1, f"fichier illisible : il doit être encodé en UTF-8 ({error.reason})")]
    try:
        data, root = _load_with_nodes(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem(display_path, line, f"YAML invalide (colonne {column}) : {reason}")]
    lines: dict[Location, int] = {}
    if root is not None:
        _record_lines(root, (), lines)
    return YamlDocument(display_path, data, lines), []


def _describe_pydantic_error(error: dict) -> str:
    kind, loc, value = error["type"], error["loc"], error.get("input")
    name = loc[-1] if loc else ""
    if kind == "missing":
        return f"champ obligatoire manquant : '{name}'"
    if kind == "extra_forbidden":
        return f"champ inconnu (vérifiez l'orthographe) : '{name}'"
    if kind.startswith("date"):
        return f"date invalide, attendu AAAA-MM-JJ : '{value}'"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"valeur invalide pour '{name}', attendu {expected} : '{value}'"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        if name == "id" and "A-Z" in pattern:
            return f"identifiant de recommandation invalide, attendu PRÉFIXE-NN (ex. SN2018-01) : '{value}'"
        if name in ("from", "to"):
            return (f"chemin de page invalide, attendu de la forme /dossier/page/ (on ne redirige qu'une page, "
                    f"pas un fichier ni une ancre) : '{value}'")
        if name == "prefix":
            return f"préfixe invalide, attendu 2 à 4 majuscules et l'année (ex. SN2018) : '{value}'"
        return f"identifiant invalide, attendu minuscules, chiffres et tirets (ex. gestion-des-collections) : '{value}'"
    if kind == "list_type" and value is None:
        return f"liste vide : '{name}'"
    if kind in ("too_short", "string_too_short"):
        return f"valeur vide : '{name}'"
    if kind.endswith("_type"):
        return f"type incorrect pour '{name}' ({error['msg']}) : '{value}'"
    return f"{error['msg']} : '{value}'"


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
