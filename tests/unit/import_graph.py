"""One checker for the import graphs the structure tests hold (site/py, site/src, bench): a circle, if any, as the
list of modules that close it."""
import re
from pathlib import Path

JS_IMPORT = re.compile(r"""^\s*(?:import|export)\s(?:[^'"]*?\sfrom\s)?['"](\.[^'"]+)['"]""", re.MULTILINE)


def find_circle(graph):
    """The first import circle of `graph` ({module: modules it imports}) as [a, b, ..., a], or None."""
    state = {}

    def visit(module, path):
        if state.get(module) == "open":
            return path[path.index(module):] + [module]
        if state.get(module) == "done":
            return None
        state[module] = "open"
        for imported in sorted(graph.get(module, ())):
            found = visit(imported, path + [module])
            if found:
                return found
        state[module] = "done"
        return None

    for module in sorted(graph):
        found = visit(module, [])
        if found:
            return found
    return None


def js_graph(folder):
    """{file relative to `folder`: files it imports}, from the relative `import ... from "./x.js"` lines of every .js
    file under `folder` (text imports such as `.py` files are left out: they import nothing back)."""
    folder = Path(folder)
    graph = {}
    for path in folder.rglob("*.js"):
        targets = set()
        for spec in JS_IMPORT.findall(path.read_text()):
            target = (path.parent / spec).resolve()
            if target.suffix == ".js":
                targets.add(str(target.relative_to(folder.resolve())))
        graph[str(path.relative_to(folder))] = targets
    return graph
