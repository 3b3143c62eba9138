"""The API reference page, built from the OpenAPI document itself.

The document comes from drf-spectacular's generator in-process (what /api/v1/openapi.json
serves), once per language and process: it depends on the code only, never on the data.
The page therefore cannot drift from the API: a new endpoint, parameter or field appears
on it without a template change.

Language of the texts: the document carries no language tags. Its summaries and
descriptions are written in the code, in English; model field names and choice labels
are German messages with English translations. A text that comes out differently in
another language is translated and so in the page's language. A text that is the same in
every language is as written in the code: its language is guessed from its function
words (English unless it reads German), and it is marked with ``lang`` where that
differs from the page's language.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from drf_spectacular.generators import SchemaGenerator

REF_PREFIX = "#/components/schemas/"
# drf-spectacular appends the choices of an enum to its description: "* `city` - Stadt".
CHOICE_LINE = re.compile(r"^\* `(?P<value>[^`]*)` - (?P<label>.*)$", re.MULTILINE)
WORD = re.compile(r"[^\W\d_]+")
GERMAN_WORDS = frozenset(
    {
        "der", "die", "das", "den", "dem", "des", "und", "oder", "ist", "sind", "nicht", "kein",
        "keine", "ein", "eine", "einer", "eines", "einem", "einen", "mit", "für", "von", "zu",
        "zur", "zum", "auf", "bei", "im", "wird", "werden", "auch", "nur", "noch", "wer", "wie",
        "was",
    }
)  # fmt: skip
ENGLISH_WORDS = frozenset(
    {
        "the", "of", "and", "or", "a", "an", "is", "are", "not", "no", "with", "by", "on",
        "when", "its", "only", "for", "to", "from", "per", "each", "whose", "was", "were", "be",
        "been", "left", "out",
    }
)  # fmt: skip
GERMAN_LETTERS = re.compile(r"[äöüÄÖÜß]")
INLINE_CODE = re.compile(r"``(.+?)``|`([^`]+)`")
# Bounds that only repeat the database column type (smallint, integer, bigint).
COLUMN_LIMITS = {32767, 2147483647, 9223372036854775807}


def written_language(text: str, *, default: str) -> str:
    """ "de" or "en" for a text written in one of them, by its function words; else default."""
    words = [word.lower() for word in WORD.findall(text)]
    german = sum(word in GERMAN_WORDS for word in words) + len(GERMAN_LETTERS.findall(text))
    english = sum(word in ENGLISH_WORDS for word in words)
    if german > english:
        return "de"
    if english > german:
        return "en"
    return default


@dataclass(frozen=True)
class Text:
    """A text from the document; renders as HTML, in a ``lang`` span where needed.

    Backtick spans (``q``, `topic, sdg`) become <code>.
    """

    value: str
    lang: str = ""

    def __bool__(self):
        return bool(self.value)

    def __str__(self) -> SafeString:
        # Django's template engine renders str(value), so str() is the HTML; the plain
        # text is ``value``.
        return self.__html__()

    def __html__(self) -> SafeString:
        html = INLINE_CODE.sub(
            lambda m: f"<code>{m.group(1) or m.group(2)}</code>", escape(self.value)
        )
        if self.lang:
            html = f'<span lang="{self.lang}">{html}</span>'
        return mark_safe(html)  # escaped above


@dataclass(frozen=True)
class TypePart:
    text: str
    href: str = ""


@dataclass
class Row:
    """A parameter, a response field or a response header."""

    name: str
    type: list[TypePart]
    required: bool = False
    location: str = ""
    title: Text = Text("")
    description: Text = Text("")
    values: list[tuple[str, Text]] = field(default_factory=list)

    @property
    def location_label(self) -> str:
        labels = {"query": _("Abfrage"), "path": _("Pfad"), "header": _("Header")}
        return labels.get(self.location, self.location)


@dataclass
class Structure:
    name: str
    anchor: str
    rows: list[Row]


@dataclass
class Response:
    status: str
    description: Text
    content: list[tuple[str, list[TypePart]]]

    @property
    def meaning(self) -> Text:
        """The document's description of the response, else the status's usual meaning."""
        if self.description:
            return self.description
        labels = {"200": _("Erfolgreich"), "304": _("Nicht geändert"), "404": _("Nicht gefunden")}
        return Text(labels.get(self.status, ""))


@dataclass
class Operation:
    method: str
    path: str
    anchor: str
    summary: Text
    description: Text
    parameters: list[Row]
    responses: list[Response]
    headers: list[Row]
    fields: Structure | None
    examples: list[str]
    placeholders: list[str]


@dataclass
class Group:
    label: str
    anchor: str
    operations: list[Operation]


@dataclass
class Reference:
    title: Text
    version: str
    description: Text
    groups: list[Group]
    structures: list[Structure]

    @property
    def operations(self) -> list[Operation]:
        return [operation for group in self.groups for operation in group.operations]


@lru_cache(maxsize=8)
def openapi_document(language: str) -> dict:
    """The public OpenAPI document as /api/v1/openapi.json serves it, in one language."""
    with translation.override(language):
        return SchemaGenerator().get_schema(request=None, public=True)


def api_reference(language: str) -> Reference:
    """The reference in one language; texts the other languages share are untranslated."""
    others = [code for code, _name in settings.LANGUAGES if code != language]
    untranslated = (
        set.intersection(*(text_units(openapi_document(code)) for code in others))
        if others
        else set()
    )
    return ReferenceBuilder(
        openapi_document(language), untranslated=untranslated, language=language
    ).build()


def split_choices(description: str) -> tuple[str, dict[str, str]]:
    """("Political level. …", {"city": "Stadt", …}) from a description with choices."""
    match = CHOICE_LINE.search(description)
    if not match:
        return description.strip(), {}
    choices = {m["value"]: m["label"].strip() for m in CHOICE_LINE.finditer(description)}
    return description[: match.start()].strip(), choices


def text_units(document) -> set[str]:
    """Every text of a document, descriptions split into their prose and choice labels."""
    units = set()
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            prose, choices = split_choices(item)
            units.update([item, prose, *choices.values()])
    return units


def ref_name(schema: dict) -> str:
    ref = schema.get("$ref", "")
    return ref[len(REF_PREFIX) :] if ref.startswith(REF_PREFIX) else ""


class ReferenceBuilder:
    def __init__(self, document: dict, *, untranslated: set[str], language: str):
        self.document = document
        self.components = document.get("components", {}).get("schemas", {})
        self.untranslated = untranslated
        self.language = language
        self.anchors: dict[str, str] = {}

    # --- Texts -------------------------------------------------------------------

    def text(self, value: str, *, prose: bool = True) -> Text:
        """A text of the document, marked with its language where that is not the page's.

        Prose (summaries, descriptions) is English unless it reads German; names and
        labels (field titles, choices) that no language changes are left unmarked.
        """
        value = (value or "").strip()
        if not value or value not in self.untranslated:
            return Text(value)
        lang = written_language(value, default="en" if prose else "")
        return Text(value, lang if lang and lang != self.language else "")

    def described(self, description: str) -> tuple[Text, dict[str, Text]]:
        prose, choices = split_choices(description or "")
        labels = {value: self.text(label, prose=False) for value, label in choices.items()}
        return self.text(prose), labels

    # --- Types -------------------------------------------------------------------

    def is_enum(self, name: str) -> bool:
        return "enum" in self.components.get(name, {})

    def type_parts(self, schema: dict) -> list[TypePart]:
        parts = self._base_type(schema)
        if schema.get("nullable"):
            parts = [*parts, TypePart(" " + _("oder null"))]
        return parts

    def _base_type(self, schema: dict) -> list[TypePart]:
        if name := ref_name(schema):
            component = self.components.get(name, {})
            if component.get("enum") == [""]:
                return [TypePart(_("leere Zeichenkette"))]
            if self.is_enum(name):
                return [TypePart(component.get("type", "string"))]
            return [TypePart(name, self.anchors.get(name, ""))]
        for key in ("allOf", "oneOf", "anyOf"):
            if alternatives := schema.get(key):
                parts: list[TypePart] = []
                for alternative in alternatives:
                    if parts:
                        parts.append(TypePart(" " + _("oder") + " "))
                    parts.extend(self.type_parts(alternative))
                return parts
        kind = schema.get("type", "object")
        if kind == "array":
            return [TypePart(_("Liste von") + " "), *self.type_parts(schema.get("items", {}))]
        if kind == "string" and schema.get("maxLength") == 0:
            return [TypePart(_("leere Zeichenkette"))]
        label = kind
        if schema.get("format"):
            label += f" ({schema['format']})"
        if "minimum" in schema and schema.get("maximum", 0) not in COLUMN_LIMITS | {0}:
            label += f", {schema['minimum']}–{schema['maximum']}"
        return [TypePart(label)]

    def values(self, schema: dict, labels: dict[str, Text]) -> list[tuple[str, Text]]:
        """The allowed values of an enum (inline or referenced) with their labels."""
        values: list[str] = list(schema.get("enum", []))
        for name in self.referenced(schema):
            if self.is_enum(name):
                component = self.components[name]
                _prose, component_labels = self.described(component.get("description", ""))
                labels = {**component_labels, **labels}
                values += [value for value in component["enum"] if value != ""]
        return [(str(value), labels.get(str(value), Text(""))) for value in values]

    def referenced(self, schema: dict) -> list[str]:
        """Component names a schema refers to, directly or through allOf/oneOf/items."""
        if not isinstance(schema, dict):
            return []
        if name := ref_name(schema):
            return [name]
        names = []
        for key in ("allOf", "oneOf", "anyOf"):
            for alternative in schema.get(key, []):
                names += self.referenced(alternative)
        if "items" in schema:
            names += self.referenced(schema["items"])
        return names

    # --- Rows ----------------------------------------------------------------------

    def structure(self, name: str, anchor: str) -> Structure:
        component = self.components.get(name, {})
        required = set(component.get("required", []))
        rows = []
        for field_name, schema in component.get("properties", {}).items():
            description, labels = self.described(schema.get("description", ""))
            rows.append(
                Row(
                    name=field_name,
                    type=self.type_parts(schema),
                    required=field_name in required,
                    title=self.text(schema.get("title", ""), prose=False),
                    description=description,
                    values=self.values(schema, labels),
                )
            )
        return Structure(name=name, anchor=anchor, rows=rows)

    def parameter(self, parameter: dict) -> Row:
        schema = parameter.get("schema", {})
        description, labels = self.described(parameter.get("description", ""))
        return Row(
            name=parameter["name"],
            location=parameter.get("in", ""),
            type=self.type_parts(schema),
            required=bool(parameter.get("required")),
            description=description,
            values=self.values(schema, labels),
        )

    # --- The page ------------------------------------------------------------------

    def operations(self):
        for path, item in self.document.get("paths", {}).items():
            for method, operation in item.items():
                if method in {"get", "put", "post", "patch", "delete", "head", "options"}:
                    yield path, method, operation

    @staticmethod
    def operation_anchor(path: str, method: str, operation: dict) -> str:
        slug = operation.get("operationId") or re.sub(r"\W+", "-", f"{method}{path}").strip("-")
        return f"op-{slug}"

    @staticmethod
    def success_schema(operation: dict) -> dict:
        for status, response in sorted(operation.get("responses", {}).items()):
            if status.startswith("2"):
                for content in response.get("content", {}).values():
                    return content.get("schema", {})
        return {}

    def assign_anchors(self) -> list[str]:
        """Where each structure's fields are listed: in the first operation that answers
        with it, else in the section of data structures. Returns the names of the latter."""
        reachable: list[str] = []
        for path, method, operation in self.operations():
            name = ref_name(self.success_schema(operation))
            if name and not self.is_enum(name) and name not in self.anchors:
                self.anchors[name] = self.operation_anchor(path, method, operation) + "-felder"
            for response in operation.get("responses", {}).values():
                for content in response.get("content", {}).values():
                    reachable += self.referenced(content.get("schema", {}))
        extra: list[str] = []
        seen = set()
        while reachable:
            name = reachable.pop(0)
            if name in seen or self.is_enum(name) or name not in self.components:
                continue
            seen.add(name)
            if name not in self.anchors:
                self.anchors[name] = f"schema-{name}"
                extra.append(name)
            for schema in self.components[name].get("properties", {}).values():
                reachable += self.referenced(schema)
        return sorted(extra)

    def examples(self, path: str, parameters: list[Row]) -> tuple[list[str], list[str]]:
        placeholders = [row.name for row in parameters if row.location == "path"]
        url = settings.SITE_URL.rstrip("/") + path
        for name in placeholders:
            url = url.replace("{" + name + "}", name.upper())
        examples = [f'curl "{url}"']
        for row in parameters:
            if row.location == "query" and row.values:
                examples.append(f'curl "{url}?{row.name}={row.values[0][0]}"')
                break
        return examples, [name.upper() for name in placeholders]

    def build(self) -> Reference:
        extra = self.assign_anchors()
        groups: dict[str, Group] = {}
        for path, method, operation in self.operations():
            anchor = self.operation_anchor(path, method, operation)
            parameters = [self.parameter(p) for p in operation.get("parameters", [])]
            responses, headers = [], []
            for status, response in sorted(operation.get("responses", {}).items()):
                content = [
                    (media_type, self.type_parts(body.get("schema", {})))
                    for media_type, body in response.get("content", {}).items()
                ]
                responses.append(
                    Response(status, self.text(response.get("description", "")), content)
                )
                for name, header in response.get("headers", {}).items():
                    description, _labels = self.described(header.get("description", ""))
                    headers.append(
                        Row(
                            name=name,
                            type=self.type_parts(header.get("schema", {})),
                            description=description,
                        )
                    )
            success = ref_name(self.success_schema(operation))
            fields = None
            if success and self.anchors.get(success) == anchor + "-felder":
                fields = self.structure(success, anchor + "-felder")
            examples, placeholders = self.examples(path, parameters)
            tag = (operation.get("tags") or ["api"])[0]
            group = groups.setdefault(tag, Group(tag_label(tag), f"gruppe-{tag}", []))
            group.operations.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    anchor=anchor,
                    summary=self.text(operation.get("summary", "")),
                    description=self.text(operation.get("description", "")),
                    parameters=parameters,
                    responses=responses,
                    headers=headers,
                    fields=fields,
                    examples=examples,
                    placeholders=placeholders,
                )
            )
        info = self.document.get("info", {})
        return Reference(
            title=self.text(info.get("title", ""), prose=False),
            version=info.get("version", ""),
            description=self.text(info.get("description", "")),
            groups=list(groups.values()),
            structures=[self.structure(name, self.anchors[name]) for name in extra],
        )


def tag_label(tag: str) -> str:
    """The heading of an operation group; the API's tags are the record kinds."""
    labels = {"actors": _("Akteure"), "networks": _("Netzwerke"), "events": _("Veranstaltungen")}
    return labels.get(tag, tag)
