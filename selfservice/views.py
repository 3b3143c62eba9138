"""Public submission form and the editors' area ("Meine Profile").

Views are thin: they check who may do what (editors only ever see their own
actors, everything else is a 404), hand validated data to :mod:`.services`,
tell the user with ``messages`` and redirect.
"""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, ListView, TemplateView

from actors.models import Actor
from ludwigsburg_portal import ratelimit
from ludwigsburg_portal.middleware import client_ip
from ludwigsburg_portal.ratelimit import add_rate_limit_error as rate_limit_error

from . import services
from .forms import (
    ActorProfileForm,
    ClaimForm,
    DeleteAccountForm,
    EventProposalForm,
    InvitationForm,
    SubmissionForm,
)
from .models import Claim, EditorInvitation, ModerationState, Revision, Submission
from .tokens import grant_edit, granted_user_id, read_reminder_token

LAST_SUBMISSION = "selfservice_last_submission"


class PrivatePageMixin:
    """For every page that shows one person's data or acts on a personal link:
    ``Cache-Control: private, no-store`` (Django's ``never_cache``), so neither a
    shared proxy nor the browser's history keeps a copy. Wraps the whole view, so
    early returns (redirects, the 410 of a dead link) carry the header too."""

    @classmethod
    def as_view(cls, **initkwargs):
        return never_cache(super().as_view(**initkwargs))


# --- Public submission ---------------------------------------------------------------


class SubmitView(FormView):
    form_class = SubmissionForm
    template_name = "selfservice/submission_form.html"

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if request.POST.get("homepage"):
            # A bot filled the hidden field: answer like a success, store nothing.
            return redirect("selfservice:submit_thanks")
        limited = ratelimit.hit(scope="submit-ip", value=client_ip(request))
        if form.is_valid():
            email = form.cleaned_data["submitter_email"]
            limited = ratelimit.hit(scope="submit-email", value=email) or limited
            if not limited:
                return self.form_valid(form)
        if limited:
            rate_limit_error(form)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return self.form_invalid(form)

    def form_valid(self, form):
        cleaned = form.cleaned_data
        submission = services.submission_create(
            profile=services.profile_data(cleaned=cleaned),
            submitter_name=cleaned["submitter_name"],
            submitter_email=cleaned["submitter_email"],
        )
        self.request.session[LAST_SUBMISSION] = submission.pk
        return redirect("selfservice:submit_thanks")


class SubmitThanksView(PrivatePageMixin, TemplateView):
    template_name = "selfservice/submission_thanks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pk = self.request.session.get(LAST_SUBMISSION)
        submission = Submission.objects.filter(pk=pk).first() if pk else None
        context["submission"] = submission
        context["similar"] = (
            submission.similar_actors.published() if submission else Actor.objects.none()
        )
        return context


class ConfirmView(PrivatePageMixin, TemplateView):
    """The double opt-in link. GET only shows a button: mail scanners that open
    links must not confirm for the person."""

    template_name = "selfservice/submission_confirm.html"

    def get_submission(self):
        return get_object_or_404(
            Submission.objects.select_related("actor"), token=self.kwargs["token"]
        )

    def get_context_data(self, **kwargs):
        submission = self.get_submission()
        return super().get_context_data(
            submission=submission,
            expired=submission.state == ModerationState.UNCONFIRMED
            and services.submission_token_expired(submission),
            **kwargs,
        )

    def post(self, request, token):
        submission = self.get_submission()
        try:
            services.submission_confirm(submission=submission)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("selfservice:confirm", token=token)
        messages.success(
            request,
            _(
                "Danke, Ihre E-Mail-Adresse ist bestätigt. Die Koordinationsstelle prüft Ihren "
                "Eintrag und meldet sich per E-Mail."
            ),
        )
        return redirect("selfservice:confirm", token=token)


# --- Editors' area ----------------------------------------------------------------------


class EditorActorMixin(LoginRequiredMixin):
    """The actor named in the URL, only if the user edits it (else 404)."""

    def get_actor(self):
        if not hasattr(self, "_actor"):
            self._actor = get_object_or_404(
                Actor.objects.edited_by(self.request.user), slug=self.kwargs["slug"]
            )
        return self._actor

    def get_context_data(self, **kwargs):
        return super().get_context_data(actor=self.get_actor(), **kwargs)


class MyProfilesView(PrivatePageMixin, LoginRequiredMixin, ListView):
    template_name = "selfservice/my_profiles.html"
    context_object_name = "actors"

    def get_queryset(self):
        return (
            Actor.objects.edited_by(self.request.user).prefetch_related("editors").order_by("name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["pending_revisions"] = set(
            Revision.objects.pending()
            .filter(actor__in=context["actors"])
            .values_list("actor_id", flat=True)
        )
        context["claims"] = Claim.objects.filter(user=user).select_related("actor")
        # Invitations to an address this account verified lead on from here too, so an
        # invitation is found again after a sign-up that lost its way back.
        context["invitations"] = (
            EditorInvitation.objects.open()
            .for_addresses(services.trusted_emails(user))
            .exclude(actor__editors=user)
            .select_related("actor", "invited_by")
            .prefetch_related("invited_by__emailaddress_set")
        )
        context["submissions"] = (
            services.submissions_of(user)
            .exclude(state=ModerationState.APPROVED)
            .select_related("actor")
        )
        return context


class ActorEditView(PrivatePageMixin, FormView):
    """Editors (logged in) or holders of a reminder link (this profile only)."""

    form_class = ActorProfileForm
    template_name = "selfservice/actor_form.html"

    def dispatch(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        self.actor = Actor.objects.edited_by(request.user).filter(slug=slug).first()
        self.token_user_id = None
        if self.actor is None:
            actor = Actor.objects.filter(slug=slug).first()
            # A reminder link's grant holds while the link is valid and its user still
            # edits the actor.
            user_id = granted_user_id(request.session, actor_id=actor.pk) if actor else None
            user = services.User.objects.filter(pk=user_id).first() if user_id else None
            if user and actor.is_edited_by(user):
                self.actor, self.token_user_id = actor, user_id
        if self.actor is None:
            if not request.user.is_authenticated:
                return redirect(f"{reverse('account_login')}?next={request.path}")
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_author(self):
        if self.request.user.is_authenticated:
            return self.request.user
        return services.User.objects.filter(pk=self.token_user_id).first()

    def post(self, request, *args, **kwargs):
        if request.FILES and self.uploads_limited():
            # Answered before the image is decoded or stored; the typed text stays
            # in the form, the upload is not kept.
            form = self.get_form_class()(**{**self.get_form_kwargs(), "files": None})
            rate_limit_error(form)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def uploads_limited(self) -> bool:
        """Logo uploads count like the public submissions: per client and per editor."""
        limited = ratelimit.hit(scope="upload-ip", value=client_ip(self.request))
        author = self.get_author()
        value = str(author.pk) if author else None
        return ratelimit.hit(scope="upload-user", value=value) or limited

    def get_pending(self):
        if not hasattr(self, "_pending"):
            self._pending = Revision.objects.pending().filter(actor=self.actor).first()
        return self._pending

    def current_logo(self) -> str:
        """The logo an unchanged logo field keeps: the own pending proposal, if any."""
        pending = self.get_pending()
        if pending:
            return pending.after.get("logo") or ""
        return self.actor.logo.name

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # A separate instance: the form writes its values into it while validating.
        kwargs["instance"] = Actor.objects.get(pk=self.actor.pk)
        kwargs["instance"].logo.name = self.current_logo()
        pending = self.get_pending()
        if pending and self.request.method == "GET":
            # Continue from the own pending change, not from the published text.
            initial = dict(pending.after)
            initial.pop("logo", None)
            initial["tags"] = ", ".join(initial.get("tags", []))
            kwargs["initial"] = initial
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            actor=self.actor,
            pending=self.get_pending() is not None,
            **kwargs,
        )

    def form_valid(self, form):
        profile = services.profile_data(cleaned=form.cleaned_data, current_logo=self.current_logo())
        revision = services.actor_update(actor=self.actor, profile=profile, by=self.get_author())
        if revision is not None:
            messages.success(
                self.request,
                _(
                    "Danke! Ihre Änderungen werden von der Koordinationsstelle geprüft. Bis dahin "
                    "bleibt die bisherige Fassung öffentlich sichtbar."
                ),
            )
        else:
            messages.success(self.request, _("Ihre Änderungen sind gespeichert."))
        if self.request.user.is_authenticated:
            return redirect("selfservice:my_profiles")
        return redirect("selfservice:edit", slug=self.actor.slug)


class ActorEventsView(PrivatePageMixin, EditorActorMixin, FormView):
    form_class = EventProposalForm
    template_name = "selfservice/event_form.html"

    def get_context_data(self, **kwargs):
        actor = self.get_actor()
        return super().get_context_data(
            submissions=actor.event_submissions.select_related("event").order_by("-created"),
            **kwargs,
        )

    def form_valid(self, form):
        cleaned = dict(form.cleaned_data)
        role = cleaned.pop("role")
        submission = services.event_propose(
            actor=self.get_actor(), by=self.request.user, fields=cleaned, role=role
        )
        if submission.state == ModerationState.PENDING:
            messages.success(
                self.request,
                _(
                    "Danke! Die Veranstaltung erscheint, sobald die Koordinationsstelle sie "
                    "geprüft hat."
                ),
            )
        else:
            messages.success(self.request, _("Die Veranstaltung ist veröffentlicht."))
        return redirect("selfservice:events", slug=self.get_actor().slug)


class EventProposalEditView(PrivatePageMixin, EditorActorMixin, FormView):
    """Correct an own event proposal while it waits for review (else 404)."""

    form_class = EventProposalForm
    template_name = "selfservice/event_edit.html"

    def get_submission(self):
        if not hasattr(self, "_submission"):
            self._submission = get_object_or_404(
                self.get_actor().event_submissions.pending().select_related("event"),
                pk=self.kwargs["pk"],
            )
        return self._submission

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        submission = self.get_submission()
        kwargs["instance"] = type(submission.event).objects.get(pk=submission.event_id)
        participation = submission.event.participations.filter(actor=self.get_actor()).first()
        if participation:
            kwargs["initial"] = {"role": participation.role}
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(submission=self.get_submission(), **kwargs)

    def form_valid(self, form):
        cleaned = dict(form.cleaned_data)
        role = cleaned.pop("role")
        services.event_proposal_update(
            submission=self.get_submission(), by=self.request.user, fields=cleaned, role=role
        )
        messages.success(self.request, _("Ihr Vorschlag ist geändert."))
        return redirect("selfservice:events", slug=self.get_actor().slug)


class ActorEditorsView(PrivatePageMixin, EditorActorMixin, FormView):
    form_class = InvitationForm
    template_name = "selfservice/editors.html"

    def get_context_data(self, **kwargs):
        actor = self.get_actor()
        return super().get_context_data(
            editors=actor.editors.prefetch_related("emailaddress_set").order_by(
                "first_name", "last_name", "email"
            ),
            invitations=actor.invitations.open()
            .select_related("invited_by")
            .prefetch_related("invited_by__emailaddress_set"),
            **kwargs,
        )

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if ratelimit.hit(scope="invite-user", value=str(self.request.user.pk)):
            rate_limit_error(form)
            return self.form_invalid(form)
        try:
            services.invitation_create(actor=self.get_actor(), email=email, by=self.request.user)
        except ValidationError as error:
            form.add_error("email", error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Die Einladung an %(email)s ist unterwegs.") % {"email": email}
        )
        return redirect("selfservice:editors", slug=self.get_actor().slug)


class InvitationView(PrivatePageMixin, TemplateView):
    """Open to everyone who holds the link: anonymous visitors learn what it is and
    how to log in or sign up with the invited address, then come back here. Only an
    account that verified the invited address can accept."""

    template_name = "selfservice/invitation.html"

    def get_invitation(self):
        return get_object_or_404(
            EditorInvitation.objects.select_related("actor", "invited_by"),
            token=self.kwargs["token"],
        )

    def get_context_data(self, **kwargs):
        invitation = self.get_invitation()
        back = urlencode({"next": self.request.path})
        return super().get_context_data(
            invitation=invitation,
            can_accept=services.verified_address(user=self.request.user, email=invitation.email)
            is not None,
            login_url=f"{reverse('account_login')}?{back}",
            code_url=f"{reverse('account_request_login_code')}?{back}",
            signup_url=f"{reverse('account_signup')}?{back}",
            **kwargs,
        )

    def post(self, request, token):
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        invitation = self.get_invitation()
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("selfservice:invitation", token=token)
        messages.success(
            request, _("Sie können „%(name)s“ jetzt bearbeiten.") % {"name": invitation.actor.name}
        )
        return redirect("selfservice:my_profiles")


class ClaimView(PrivatePageMixin, LoginRequiredMixin, FormView):
    form_class = ClaimForm
    template_name = "selfservice/claim_form.html"

    def get_actor(self):
        # Only profiles the public can see can be claimed.
        return get_object_or_404(Actor.objects.published(), slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        actor = self.get_actor()
        return super().get_context_data(
            actor=actor,
            is_editor=actor.is_edited_by(self.request.user),
            pending=Claim.objects.pending().filter(actor=actor, user=self.request.user).exists(),
            **kwargs,
        )

    def get_initial(self):
        user = self.request.user
        return {"name": user.get_full_name()}

    def form_valid(self, form):
        if ratelimit.hit(scope="claim-user", value=str(self.request.user.pk)):
            rate_limit_error(form)
            return self.form_invalid(form)
        try:
            services.claim_create(
                actor=self.get_actor(),
                user=self.request.user,
                name=form.cleaned_data["name"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Danke! Die Koordinationsstelle prüft Ihre Anfrage und meldet sich per E-Mail."),
        )
        return redirect("selfservice:my_profiles")


# --- Yearly reminder links (no password, one profile, expiring) --------------------


class ReminderView(PrivatePageMixin, TemplateView):
    template_name = "selfservice/reminder.html"

    def dispatch(self, request, *args, **kwargs):
        self.link = read_reminder_token(kwargs["token"])
        self.actor = None
        if self.link:
            self.actor = Actor.objects.filter(
                pk=self.link.actor_id, editors__pk=self.link.user_id
            ).first()
        if self.actor is None:
            return self.render_to_response({"invalid": True}, status=410)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(actor=self.actor, **kwargs)

    def post(self, request, token):
        action = request.POST.get("action")
        user = services.User.objects.get(pk=self.link.user_id)
        if action == "confirm":
            services.profile_confirm(actor=self.actor, by=user)
            messages.success(request, _("Danke! Das Profil ist als aktuell bestätigt."))
            return redirect("selfservice:reminder", token=token)
        if action == "archive":
            services.profile_archive(actor=self.actor, by=user)
            messages.success(request, _("Das Profil ist archiviert und nicht mehr öffentlich."))
            return redirect("selfservice:reminder", token=token)
        if action == "edit":
            grant_edit(request.session, link=self.link)
            return redirect("selfservice:edit", slug=self.actor.slug)
        messages.error(request, _("Bitte wählen Sie eine der Schaltflächen."))
        return redirect("selfservice:reminder", token=token)


# --- Own data ----------------------------------------------------------------------------


class MyDataView(PrivatePageMixin, LoginRequiredMixin, FormView):
    form_class = DeleteAccountForm
    template_name = "selfservice/my_data.html"

    def form_valid(self, form):
        user = self.request.user
        logout(self.request)
        services.account_delete(user=user)
        messages.success(self.request, _("Ihr Konto und Ihre persönlichen Daten sind gelöscht."))
        return redirect("pages:home")


class MyDataExportView(PrivatePageMixin, LoginRequiredMixin, View):
    def get(self, request):
        data = services.personal_data_export(user=request.user)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2, default=str),
            content_type="application/json; charset=utf-8",
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="meine-daten-{stamp}.json"'
        return response
