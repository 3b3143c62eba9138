"""Site-wide template helpers: language alternates and capturing a block's output."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

register = template.Library()

OG_LOCALES = {"de": "de_DE", "en": "en_US"}


@register.simple_tag(takes_context=True)
def language_versions(context, with_query=True):
    """This page in every language: [{code, name_local, url, current}].

    German lives at /, English under /en/ (i18n_patterns without a default prefix);
    ``translate_url`` keeps the query string so filters survive a language change
    (``with_query=False`` for the <head> alternates, which pair with the canonical URL).
    """
    request = context.get("request")
    path = "/"
    if request is not None:
        path = request.get_full_path() if with_query else request.path
    current = get_language()
    return [
        {
            "code": code,
            "name_local": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


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
