from django.views.generic import DetailView, ListView

from .models import Network


class NetworkListView(ListView):
    def get_queryset(self):
        return Network.objects.published()


class NetworkDetailView(DetailView):
    def get_queryset(self):
        return Network.objects.published()
