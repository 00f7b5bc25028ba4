"""Strict reading of YAML with line numbers, for overrides.yaml.

PyYAML's composer gives us nodes that remember their line; we read scalars as the text
the user typed and convert them only where the schema wants a number or a boolean, so
``no`` or ``012345`` stay strings where a string is expected (YAML 1.1 would make them
False and 5349). Duplicate mapping keys are errors (PyYAML silently keeps the last).
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlError(Exception):
    """A schema or syntax problem at a 1-based line of the YAML file."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def compose(text: str) -> yaml.Node | None:
    """The document's node tree, or None for an empty document."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlError(
            mark.line + 1 if mark is not None else 1, f"invalid YAML: {problem}"
        ) from None


def items(node: yaml.Node, what: str) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
    """(key, key node, value node) of a mapping, refusing duplicate keys."""
    if not isinstance(node, yaml.MappingNode):
        raise YamlError(line(node), f"{what} must be a mapping")
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = string(key_node, f"a key of {what}")
        if key in seen:
            raise YamlError(
                line(key_node), f"duplicate key {key!r} in {what} (first on line {seen[key]})"
            )
        seen[key] = line(key_node)
        yield key, key_node, value_node


def string(node: yaml.Node, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise YamlError(line(node), f"{what} must be a single value, not a list or mapping")
    return str(node.value)


def is_plain(node: yaml.Node) -> bool:
    """An unquoted scalar (the C loader says '' where the Python one says None)."""
    return isinstance(node, yaml.ScalarNode) and not node.style


def is_null(node: yaml.Node) -> bool:
    return is_plain(node) and node.value in {"", "~", "null", "Null", "NULL"}


def strings(node: yaml.Node, what: str) -> list[str]:
    """A list of strings; a single value counts as a one-item list."""
    return [string(item, what) for item in sequence(node)]


def sequence(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return [] if is_null(node) else [node]


def boolean(node: yaml.Node, what: str) -> bool:
    value = string(node, what).lower()
    if value in {"true", "yes", "on"}:
        return True
    if value in {"false", "no", "off"}:
        return False
    raise YamlError(line(node), f"{what} must be true or false, not {value!r}")


def integer(node: yaml.Node, what: str) -> int:
    value = string(node, what)
    if not value.isdigit():
        raise YamlError(line(node), f"{what} must be a whole number, not {value!r}")
    return int(value)
