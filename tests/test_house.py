"""The house rules that a reader cannot see from one file: checked over the whole tree."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _project_import(node):
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] == "permanence"
    return any(alias.name.split(".")[0] == "permanence" for alias in node.names)


def _said_why(lines, node):
    """A comment on the import, or above the run of imports it belongs to."""
    if any("#" in line for line in lines[node.lineno - 1 : node.end_lineno]):
        return True
    i = node.lineno - 2
    while i >= 0:
        line = lines[i].strip()
        if line.startswith("#"):
            return True
        if not (line.startswith(("from ", "import ", ")")) or line == "" or line.endswith(",")):
            return False
        i -= 1
    return False


def _imports_inside_functions(path):
    lines = path.read_text().splitlines()
    found = []

    def visit(node, inside):
        for child in ast.iter_child_nodes(node):
            if inside and isinstance(child, (ast.Import, ast.ImportFrom)) and _project_import(child):
                if not _said_why(lines, child):
                    found.append(f"{path.relative_to(ROOT)}:{child.lineno}")
            visit(child, inside or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)))

    visit(ast.parse("\n".join(lines)), False)
    return found


def test_no_project_import_hides_inside_a_function_without_a_comment_saying_why():
    """An import inside a function hides a dependency from the reader and from import-linter;
    where one is needed (Django not set up yet, an AppConfig.ready), a comment says why."""
    files = [
        p for folder in ("permanence", "tests") for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts
    ]
    found = [where for path in sorted(files) for where in _imports_inside_functions(path)]
    assert found == [], "move these imports to the top of the module, or say why they are here:\n" + "\n".join(found)
