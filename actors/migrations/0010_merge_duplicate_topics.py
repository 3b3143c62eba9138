"""Merge the topics that exist twice or more in another spelling ("Fairer Handel",
"fairer handel", "Fairer-Handel"): the most used spelling stays (on a tie the oldest),
every record of the others gets it, the others are deleted. An English name of a
deleted spelling moves to the kept topic if that one has none.

From here on the rule in ``actors.topics`` keeps new duplicates from being created.
"""

from collections import defaultdict

from django.db import migrations
from django.db.models import Count

from actors.topics import topic_key


def merge_duplicate_topics(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    TopicTranslation = apps.get_model("actors", "TopicTranslation")

    groups = defaultdict(list)
    for tag in Tag.objects.annotate(uses=Count("taggit_taggeditem_items")).order_by("pk"):
        groups[topic_key(tag.name)].append(tag)
    for tags in groups.values():
        if len(tags) < 2:
            continue
        keep = max(tags, key=lambda tag: (tag.uses, -tag.pk))
        others = [tag for tag in tags if tag.pk != keep.pk]
        for item in TaggedItem.objects.filter(tag__in=others):
            already = TaggedItem.objects.filter(
                tag=keep, content_type_id=item.content_type_id, object_id=item.object_id
            ).exists()
            if already:
                item.delete()
            else:
                item.tag = keep
                item.save(update_fields=["tag"])
        if not TopicTranslation.objects.filter(tag=keep).exists():
            moved = TopicTranslation.objects.filter(tag__in=others).exclude(name_en="").first()
            if moved is not None:
                TopicTranslation.objects.create(tag=keep, name_en=moved.name_en)
        Tag.objects.filter(pk__in=[tag.pk for tag in others]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0009_search_document_maintained"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(merge_duplicate_topics, migrations.RunPython.noop, elidable=True),
    ]
