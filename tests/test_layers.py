"""The folder tree's layers hold: knowledge/ uses none of the others, actions/ only knowledge/, bot/ never
actions/ and reaches measure/ only from its command line, and no module imports another that imports it
back (counting imports inside functions too)."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("knowledge", "actions", "bot", "measure")
ALLOWED = {"knowledge": set(), "actions": {"knowledge"}, "bot": {"knowledge", "measure"},
           "measure": {"knowledge", "actions", "bot"}}
COMMAND_LINE = "bot.cli"


def _modules() -> dict:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def imports(module: str) -> set:
    """The project's modules that `module` imports anywhere in its text."""
    names = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return {n for n in names if n in MODULES and n != module}


def test_each_package_imports_only_the_layers_below_it():
    wrong = [(m, d) for m in MODULES for d in imports(m)
             if d.split(".")[0] != m.split(".")[0] and d.split(".")[0] not in ALLOWED[m.split(".")[0]]]
    assert wrong == []
    assert {m for m in MODULES if m.startswith("bot") and any(d.startswith("measure") for d in imports(m))} \
        <= {COMMAND_LINE}


def test_no_import_cycles():
    graph = {m: imports(m) for m in MODULES}
    cycles = []

    def visit(module, path):
        for dep in graph[module]:
            if dep in path:
                cycles.append(path[path.index(dep):] + [dep])
            elif dep not in done:
                visit(dep, path + [dep])
        done.add(module)

    done = set()
    for module in MODULES:
        if module not in done:
            visit(module, [module])
    assert cycles == []
