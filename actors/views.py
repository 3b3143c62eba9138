from django.views.generic import DetailView, ListView

from .models import Actor


class ActorListView(ListView):
    paginate_by = 20

    def get_queryset(self):
        return Actor.objects.published().prefetch_related("tags")


class ActorDetailView(DetailView):
    def get_queryset(self):
        return Actor.objects.published()
