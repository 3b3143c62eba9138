"""The layers of the portal, checked on every import of every module.

1. ground ``ludwigsburg_portal``: shared mechanisms; imports no app (only its
   ``settings``, ``urls``, ``wsgi`` and ``asgi`` put the apps together);
2. domain ``actors`` ← ``networks``, ``events``: they meet through their models
   (Membership and Participation are link tables), never through each other's
   views, URLs, template tags or admin, and import no feature app;
3. features: every other app of ours (``selfservice``, ``opendata``, ``pages`` and
   any new one), on top of the domain;
4. ``seeding`` on top of all: no runtime module imports it.

The imports are read with :mod:`ast`, at module level and inside functions, from
every module of every app (the directories with an ``apps.py``), migrations
excepted. A new app is a feature without being named here.

Templates count as well: a domain app's templates (``templates/<app>/`` and
``<app>/templates/``) never ``{% load %}`` a feature's tag library; a feature adds
to a domain page by filling one of its slots (``ludwigsburg_portal.slots``).
"""

import ast
import re
from functools import cache
from pathlib import Path

from django.apps import apps as django_apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR).resolve()
GROUND = "ludwigsburg_portal"
DOMAIN = ("actors", "networks", "events")
BASE_DOMAIN = "actors"
TOP = "seeding"
# The ground modules that assemble the apps into a site.
ASSEMBLY = {f"{GROUND}.{name}" for name in ("settings", "urls", "wsgi", "asgi")}
# What one domain app may use of another: its models (and the package itself).
LINK_MODULES = {"models"}
# What networks and events never use of actors: the surface actors serves.
SURFACE_MODULES = {"views", "urls", "templatetags", "admin", "calendars"}


def _is_ours(path: Path) -> bool:
    """In this repository and not an installed package (the virtualenv may live inside it)."""
    return path.is_relative_to(ROOT) and "site-packages" not in path.parts


@cache
def project_apps() -> tuple[str, ...]:
    """Our apps: the installed ones that live in this repository, and every top-level
    directory with an ``apps.py`` (an app being built before it is installed)."""
    installed = {
        config.name.split(".")[0]
        for config in django_apps.get_app_configs()
        if _is_ours(Path(config.path).resolve())
    }
    return tuple(sorted(installed | {path.parent.name for path in ROOT.glob("*/apps.py")}))


def layer(app: str) -> str:
    if app == GROUND:
        return "ground"
    if app in DOMAIN:
        return "domain"
    if app == TOP:
        return "top"
    return "feature"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def runtime_modules(apps):
    for app in apps:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts or "tests" in relative.parts:
                continue
            yield path


def _is_module(dotted: str) -> bool:
    base = ROOT.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imported_modules(path: Path):
    """``(line, dotted module)`` for every import in the file, relative ones resolved;
    ``from package import module`` counts as importing that module."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module
            for alias in node.names:
                candidate = f"{source}.{alias.name}"
                yield node.lineno, candidate if _is_module(candidate) else source


def _within(module: str, prefixes) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


def broken_rule(importer: str, imported: str) -> str | None:
    """The layer rule ``importer`` breaks by importing ``imported``, or None."""
    source, target = importer.split(".")[0], imported.split(".")[0]
    apps = project_apps()
    if target not in apps or target == source:
        return None
    submodule = imported.split(".")[1] if "." in imported else ""
    if target == TOP:
        return f"nothing imports {TOP!r}: it sits on top of every other app"
    if layer(source) == "ground" and not _within(importer, ASSEMBLY):
        return "the ground imports no app (move the code into the app, or let the app register)"
    if layer(source) == "domain":
        if layer(target) == "feature":
            return f"domain app {source!r} imports feature app {target!r}"
        if layer(target) == "domain":
            if source == BASE_DOMAIN or target != BASE_DOMAIN:
                if submodule and submodule not in LINK_MODULES:
                    return (
                        f"domain app {source!r} uses only the models of {target!r}, "
                        f"not {imported!r}"
                    )
            elif submodule in SURFACE_MODULES:
                return (
                    f"{source!r} never uses the views, URLs, template tags or admin of {target!r}"
                )
    return None


def layer_violations():
    for path in runtime_modules(project_apps()):
        importer = module_name(path)
        relative = path.relative_to(ROOT).as_posix()
        for line, imported in imported_modules(path):
            rule = broken_rule(importer, imported)
            if rule:
                yield f"{relative}:{line}: imports {imported}: {rule}"


def tag_libraries() -> dict[str, str]:
    """``{% load %}`` name → our app that defines the tag library."""
    return {
        path.stem: app
        for app in project_apps()
        for path in (ROOT / app / "templatetags").glob("*.py")
        if path.stem != "__init__"
    }


def domain_templates():
    for app in DOMAIN:
        for folder in (ROOT / "templates" / app, ROOT / app / "templates"):
            yield from (path for path in sorted(folder.rglob("*")) if path.is_file())


LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")


def loaded_libraries(text: str):
    """``(line, library)`` for every ``{% load a b %}`` and ``{% load x y from a %}``."""
    for match in LOAD.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        names = match.group(1).split()
        if len(names) >= 3 and names[-2] == "from":
            names = names[-1:]
        for name in names:
            yield line, name


def template_violations():
    libraries = tag_libraries()
    for path in domain_templates():
        relative = path.relative_to(ROOT).as_posix()
        for line, library in loaded_libraries(path.read_text()):
            app = libraries.get(library)
            if app is not None and layer(app) in ("feature", "top"):
                yield (
                    f"{relative}:{line}: loads {library!r} of {app!r}: a domain template "
                    "loads no feature's tag library (let the feature fill a slot)"
                )


def test_every_import_follows_the_layers():
    violations = list(layer_violations())
    assert not violations, "Imports against the layers:\n" + "\n".join(violations)


def test_domain_templates_load_no_feature_tag_library():
    violations = list(template_violations())
    assert not violations, "Templates against the layers:\n" + "\n".join(violations)


def test_the_template_guard_reads_every_form_of_load():
    text = "{% load i18n slots %}\n{% load did_you_mean from search %}\n{%load opendata%}"
    assert list(loaded_libraries(text)) == [
        (1, "i18n"),
        (1, "slots"),
        (2, "search"),
        (3, "opendata"),
    ]
    assert {"opendata", "selfservice", "atlas", "search"} <= {
        name for name, app in tag_libraries().items() if layer(app) == "feature"
    }
    assert tag_libraries()["slots"] == GROUND


def test_the_guard_sees_every_app_and_knows_the_layers():
    apps = project_apps()
    assert {GROUND, *DOMAIN, TOP, "selfservice", "opendata", "pages"} <= set(apps)
    assert layer("a_new_feature") == "feature"


def test_the_guard_reads_imports_inside_functions_too():
    path = ROOT / "actors" / "models.py"
    source = path.read_text().splitlines()
    found = [line for line, module in imported_modules(path) if module == "networks.models"]
    assert found
    assert all(source[line - 1].startswith(" ") for line in found)


def test_the_guard_names_each_broken_rule():
    assert broken_rule("ludwigsburg_portal.cache", "actors.models")
    assert broken_rule("ludwigsburg_portal.urls", "actors.views") is None
    assert broken_rule("actors.views", "selfservice.models")
    assert broken_rule("events.urls", "opendata.calendars")
    assert broken_rule("actors.views", "events.models") is None
    assert broken_rule("actors.views", "events.views")
    assert broken_rule("networks.views", "events.models") is None
    assert broken_rule("networks.views", "events.templatetags.events")
    assert broken_rule("events.filters", "actors.filters") is None
    assert broken_rule("events.views", "actors.templatetags.actors")
    assert broken_rule("opendata.views", "actors.views") is None
    assert broken_rule("selfservice.views", "seeding.seed")
    assert broken_rule("seeding.demo", "actors.models") is None
