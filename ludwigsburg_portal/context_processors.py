from django.conf import settings


def portal(request):
    """Values every page template needs (canonical URLs, site name)."""
    return {
        "SITE_URL": settings.SITE_URL,
        "canonical_url": settings.SITE_URL + request.path,
    }
