"""The profile an association maintains itself.

Shared by the profile form (:mod:`selfservice.forms`), the services that store
profiles and revisions as JSON (:mod:`selfservice.services.profiles`) and the
moderation admin's before/after comparison.
"""

# The fields an association maintains itself; everything else (status, slug,
# coordinates, trusted, editors) stays with staff.
PROFILE_FIELDS = [
    "name",
    "kind",
    "teaser",
    "teaser_en",
    "description",
    "tags",
    "sdgs",
    "regions",
    "district",
    "street",
    "postal_code",
    "city",
    "website",
    "email",
    "phone",
    "contact_person",
    "contact_public",
    "founded_year",
    "logo",
]
