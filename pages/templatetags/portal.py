"""Site-wide template helpers: language alternates and capturing a block's output."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info, gettext

register = template.Library()

OG_LOCALES = {"de": "de_DE", "en": "en_US"}


@register.simple_tag(takes_context=True)
def language_versions(context, with_query=True):
    """This page in every language: [{code, name_local, url, current}].

    German lives at /, English under /en/ (i18n_patterns without a default prefix);
    the query string is kept so filters survive a language change (``with_query=False``
    for the <head> alternates, which pair with the canonical URL). Each page asks twice
    (head and switcher): the addresses are worked out once per request.
    """
    request = context.get("request")
    if request is None:
        return _language_versions("/")
    query = request.META.get("QUERY_STRING", "")
    if not with_query:
        return _language_versions(request.path, request)
    versions = _language_versions(escape_uri_path(request.path), request)
    if not query:
        return versions
    query = iri_to_uri(query)
    return [{**version, "url": f"{version['url']}?{query}"} for version in versions]


def _language_versions(path: str, request=None) -> list[dict]:
    known = getattr(request, "_language_versions", None)
    if known is not None and path in known:
        return known[path]
    current = get_language()
    versions = [
        {
            "code": code,
            "name_local": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    if request is not None:
        if known is None:
            known = request._language_versions = {}
        known[path] = versions
    return versions


@register.simple_tag(takes_context=True)
def language_switcher(context) -> str:
    """The links to this page in the other languages, each named in its own language."""
    items = format_html_join(
        "\n",
        '<li><a href="{}" lang="{}" hreflang="{}"{}>{}</a></li>',
        (
            (
                version["url"],
                version["code"],
                version["code"],
                mark_safe(' aria-current="true"') if version["current"] else "",
                capfirst(version["name_local"]),
            )
            for version in language_versions(context)
        ),
    )
    return format_html(
        '<nav class="language-switcher" aria-label="{}">\n<ul>\n{}\n</ul>\n</nav>',
        gettext("Sprache wählen"),
        items,
    )


@register.simple_tag
def og_locale():
    return OG_LOCALES.get(get_language() or "de", "de_DE")


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)  # so {% block %} tags inside still take part in inheritance

    def __init__(self, nodelist, var_name):
        self.nodelist = nodelist
        self.var_name = var_name

    def render(self, context):
        # The nodelist output is already autoescaped; collapse whitespace for <title>/<meta>.
        context[self.var_name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    """``{% capture as name %}…{% endcapture %}``: render the body into a variable."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.filter(is_safe=True)
def without_site_name(title, site_name):
    """ "Akteure – Eine-Welt-Portal Ludwigsburg" → "Akteure".

    Child templates may give their title block with or without the site name;
    base.html adds it exactly once.
    """
    title = str(title).strip()
    suffix = f" – {site_name}"
    while title.endswith(suffix):
        title = title[: -len(suffix)].rstrip()
    return "" if title == str(site_name) else title
