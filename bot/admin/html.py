"""HTML built from nodes: every string is escaped unless it is Markup made here. A citizen's
question is data, never markup."""
from html import escape
from typing import Any, Dict, Iterable, Union


class Markup(str):
    """Text that is already HTML (made by `tag`)."""


Child = Union[str, Markup, None, Iterable]
VOID = {"input", "meta", "link", "br"}


def text(value: Any) -> Markup:
    return value if isinstance(value, Markup) else Markup(escape("" if value is None else str(value), quote=True))


def _children(children) -> str:
    out = []
    for child in children:
        if child is None or child is False:
            continue
        if isinstance(child, (list, tuple)) or (hasattr(child, "__iter__") and not isinstance(child, str)):
            out.append(_children(child))
        else:
            out.append(text(child))
    return "".join(out)


def tag(name: str, attrs: Dict[str, Any] = None, *children: Child) -> Markup:
    """<name attrs>children</name>; attribute names are trusted (code), values escaped."""
    rendered = "".join(f' {k.rstrip("_").replace("_", "-")}' if v is True else f' {k.rstrip("_").replace("_", "-")}="{text(v)}"'
                       for k, v in (attrs or {}).items() if v is not None and v is not False)
    if name in VOID:
        return Markup(f"<{name}{rendered}>")
    return Markup(f"<{name}{rendered}>{_children(children)}</{name}>")
