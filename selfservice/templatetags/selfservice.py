from django import template

register = template.Library()


@register.inclusion_tag("selfservice/includes/actor_links.html", takes_context=True)
def actor_selfservice(context, *, actor):
    """On a public actor page: "edit" for its editors, "claim" for everyone else."""
    user = getattr(context.get("request"), "user", None)
    return {"actor": actor, "is_editor": actor.is_edited_by(user)}
