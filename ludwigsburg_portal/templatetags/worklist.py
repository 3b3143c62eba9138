"""``{% open_work %}``: the office's open work on the admin start page."""

from django import template

from ludwigsburg_portal.worklist import open_work as compute_open_work

register = template.Library()


@register.inclusion_tag("admin/includes/worklist.html", takes_context=True)
def open_work(context):
    request = context["request"]
    return {"open_work": compute_open_work(request.user)}
