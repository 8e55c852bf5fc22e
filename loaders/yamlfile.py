"""Reading YAML within bounds: the registry files and boundary-change proposals.

YAML anchors and aliases let a few hundred bytes stand for billions of values (the "billion
laughs"): PyYAML shares the aliased node, so loading is cheap, but anything that walks the
result, or prints it, expands it. So a text is refused when it is over ``max_bytes``, when its
values counted with every alias expanded are over ``max_nodes``, when an alias refers to a node
that contains it, or when it nests too deeply for the parser; every refusal is a
:class:`~graph.errors.LoadError` naming the file (and the line, where there is one).

Dates are left as text (no YAML timestamps): the readers check them, so that an impossible date
such as ``2027-02-30`` is a refusal that names the field rather than a crash in the parser.

>>> compose_text("a: &x [1, 2]\\nb: *x\\n", "p.yaml", max_nodes=10).value[1][1].value[0].value
'1'
>>> laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\\n" + "".join(
...     f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\\n"
...     for i in range(8))
>>> load_text(laughs, "laughs.yaml", max_nodes=10_000)
Traceback (most recent call last):
...
graph.errors.LoadError: 1 problem in laughs.yaml:
  laughs.yaml line 4: more than 10000 values once its aliases are expanded ...
>>> load_text("effective: 2027-02-30", "p.yaml", max_nodes=10)
{'effective': '2027-02-30'}
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from graph.errors import LoadError, Problem

# libyaml's parser (PyYAML's C loader) where PyYAML was built with it: a tenth of the time of
# the pure-Python one on the registry files. It refuses nesting over 1,000 levels itself, so the
# C composer's recursion is bounded too.
if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """The safe loader, less the implicit timestamp type (dates stay text)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _refuse(file: str, line: int | None, message: str) -> LoadError:
    return LoadError([Problem(file, line, None, None, message)])


def read_text(path: Path, max_bytes: int) -> str:
    """The UTF-8 text of ``path``; refused if it cannot be read or is over ``max_bytes``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _refuse(path.name, None, f"{size} bytes, over the limit of {max_bytes}")
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _refuse(
            path.name, None, f"not UTF-8 text: {exc.reason} at byte {exc.start}"
        ) from None
    except OSError as exc:
        raise _refuse(path.name, None, f"cannot be read: {exc.strerror or exc}") from None


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def check_size(node: Node, file: str, max_nodes: int) -> None:
    """Refuse ``node`` if it holds over ``max_nodes`` values with aliases expanded, or an alias
    inside the node it refers to. Linear in the nodes as written (each is measured once)."""
    sizes: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[Node, bool]] = [(node, False)]
    while stack:
        item, expanded = stack.pop()
        key = id(item)
        if expanded:
            visiting.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in _children(item))
            if sizes[key] > max_nodes:
                raise _refuse(
                    file,
                    item.start_mark.line + 1,
                    f"more than {max_nodes} values once its aliases are expanded "
                    "(aliases that repeat aliases?)",
                )
        elif key not in sizes:
            if key in visiting:
                raise _refuse(file, item.start_mark.line + 1, "an alias inside the value it names")
            visiting.add(key)
            stack.append((item, True))
            stack.extend((c, False) for c in _children(item) if id(c) not in sizes)


def compose_text(text: str, file: str, max_nodes: int) -> Node | None:
    """The YAML node tree of ``text`` (None for an empty document), checked for size."""
    try:
        node = _compose(_Loader, text)
    except yaml.YAMLError:
        # refused: read again by the pure-Python parser, whose messages and lines the refusals
        # quote (libyaml puts some errors on the line after)
        node = _compose_or_refuse(text, file)
    except RecursionError:
        raise _refuse(file, None, "not valid YAML: nested too deeply") from None
    if node is not None:
        check_size(node, file, max_nodes)
    return node


class _PyLoader(yaml.SafeLoader):
    """The pure-Python safe loader, with :class:`_Loader`'s resolvers."""


_PyLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _compose(loader_class: type[yaml.SafeLoader], text: str) -> Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _compose_or_refuse(text: str, file: str) -> Node | None:
    try:
        return _compose(_PyLoader, text)
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else None
        raise _refuse(file, line, f"not valid YAML: {err.problem or err}") from None
    except yaml.YAMLError as err:
        raise _refuse(file, None, f"not valid YAML: {err}") from None
    except RecursionError:
        raise _refuse(file, None, "not valid YAML: nested too deeply") from None


def load_text(text: str, file: str, max_nodes: int) -> Any:
    """The Python value of ``text`` (dates as text), checked as :func:`compose_text` does."""
    node = compose_text(text, file, max_nodes)
    if node is None:
        return None
    loader = _Loader("")
    try:
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else None
        raise _refuse(file, line, f"not valid YAML: {err.problem or err}") from None
    except RecursionError:
        raise _refuse(file, None, "not valid YAML: nested too deeply") from None
    finally:
        loader.dispose()
