"""German default texts for every page key, and staff permissions on the pages models.

Hints in HTML comments (<!-- … -->) are visible to staff in the admin only:
the public rendering strips them. They say what the office must verify.
"""

from django.db import migrations

from ludwigsburg_portal.permissions import grant_staff_permissions

HOME_INTRO = """\
Die Koordinationsstelle kommunale Entwicklungspolitik der Stadt Ludwigsburg vernetzt die \
Eine-Welt-Akteure im Stadtgebiet – Vereine, Initiativen, Weltläden, Schulen, \
Glaubensgemeinschaften und Diaspora-Organisationen – untereinander und mit Partnern auf \
Landes- und Bundesebene.

In diesem Portal finden Sie, wer sich in Ludwigsburg für globale Gerechtigkeit und \
nachhaltige Entwicklung engagiert, in welchen Netzwerken die Stadt mitarbeitet und welche \
Veranstaltungen anstehen.
"""

OFFICE = """\
Entwicklungspolitische Themen, die bisher nur im Kleinen verfolgt werden konnten, sollen \
nachhaltig in die Stadtverwaltung eingegliedert werden. In allen Bereichen arbeitet die \
Koordinationsstelle deshalb eng mit dem Referat für nachhaltige Stadtentwicklung sowie den \
Fachbereichen Tiefbau und Grünflächen, Bürgerschaftliches Engagement und Organisation und \
Personal (Städtepartnerschaften) zusammen.

Die Moderations- und Vernetzungsfunktion der Koordinationsstelle ist ein entscheidender \
Erfolgsfaktor für erfolgreiches Arbeiten in der Kommune sowie auf Landes- und Bundesebene. \
Dabei müssen alle Akteure (Gruppen, Vereine) zunächst voneinander wissen und gut miteinander \
vernetzt sein. Nur so können sie voneinander lernen, vorhandene Potentiale optimal ausschöpfen \
sowie gemeinsam planen und handeln.

## Kontakt

Stadt Ludwigsburg  
Koordinationsstelle kommunale Entwicklungspolitik  
Wilhelmstraße 11  
71638 Ludwigsburg

E-Mail: [eine-welt@ludwigsburg.de](mailto:eine-welt@ludwigsburg.de)

<!-- Bitte prüfen: Funktionspostfach und ggf. Telefondurchwahl der Koordinationsstelle. -->
"""

IMPRINT = """\
<!-- Bitte vor der Veröffentlichung prüfen: Name des Oberbürgermeisters, Telefonnummer, \
E-Mail-Adresse und die inhaltlich verantwortliche Person. -->

## Herausgeberin

Stadt Ludwigsburg  
Wilhelmstraße 11  
71638 Ludwigsburg

Telefon: 07141 910-0  
E-Mail: [info@ludwigsburg.de](mailto:info@ludwigsburg.de)

Die Stadt Ludwigsburg ist eine Körperschaft des öffentlichen Rechts. Sie wird vertreten durch \
den Oberbürgermeister.

## Inhaltlich verantwortlich

Koordinationsstelle kommunale Entwicklungspolitik der Stadt Ludwigsburg  
Wilhelmstraße 11  
71638 Ludwigsburg  
E-Mail: [eine-welt@ludwigsburg.de](mailto:eine-welt@ludwigsburg.de)

## Einträge von Akteuren

Die Beschreibungen der Akteure und ihrer Veranstaltungen stammen von den Akteuren selbst. Die \
Koordinationsstelle prüft jeden Eintrag vor der Veröffentlichung, ist aber für den Inhalt \
verlinkter fremder Websites nicht verantwortlich. Wenn Ihnen ein falscher oder rechtswidriger \
Inhalt auffällt, schreiben Sie uns bitte; wir prüfen ihn umgehend.

## Technische Umsetzung

Das Portal läuft auf Servern der Stadt Ludwigsburg. Es lädt keine Inhalte von fremden Servern \
nach.
"""

PRIVACY = """\
<!-- Bitte vor der Veröffentlichung prüfen: Kontakt der oder des Datenschutzbeauftragten, \
Speicherdauer der Server-Protokolle (hier 7 Tage) und der Rückmeldungen. -->

Der Schutz Ihrer Daten ist uns wichtig. Diese Erklärung sagt, welche Daten das \
Eine-Welt-Portal Ludwigsburg verarbeitet, wozu und wie lange.

## Verantwortliche Stelle

Stadt Ludwigsburg, Wilhelmstraße 11, 71638 Ludwigsburg, vertreten durch den \
Oberbürgermeister. E-Mail: [info@ludwigsburg.de](mailto:info@ludwigsburg.de)

## Datenschutzbeauftragte

Sie erreichen die behördliche Datenschutzbeauftragte der Stadt Ludwigsburg unter der Anschrift \
oben mit dem Zusatz „Datenschutzbeauftragte“ oder per E-Mail an \
[datenschutz@ludwigsburg.de](mailto:datenschutz@ludwigsburg.de).

## Kein Tracking, keine fremden Server

Das Portal verwendet keine Analyse- oder Tracking-Werkzeuge, keine Werbung und keine \
Social-Media-Plugins. Schriften, Bilder und Programmcode liegen auf unserem eigenen Server; \
beim Aufruf einer Seite wird keine Verbindung zu Dritten hergestellt.

## Server-Protokolle

Bei jedem Aufruf speichert der Server vorübergehend: die IP-Adresse, Datum und Uhrzeit, die \
aufgerufene Adresse, den Statuscode, die übertragene Datenmenge, die zuvor besuchte Seite \
(Referrer) und die Kennung des Browsers. Wir brauchen diese Daten, um den sicheren Betrieb zu \
gewährleisten und Angriffe abzuwehren. Rechtsgrundlage ist Art. 6 Abs. 1 lit. e DSGVO in \
Verbindung mit § 4 Landesdatenschutzgesetz Baden-Württemberg (LDSG). Die Protokolle werden \
nach 7 Tagen gelöscht, sofern sie nicht zur Aufklärung eines Sicherheitsvorfalls gebraucht \
werden.

## Cookies

Das Portal setzt nur technisch notwendige Cookies und nur, wenn Sie ein Formular nutzen oder \
sich anmelden: ein Sicherheits-Cookie gegen gefälschte Formularanfragen (CSRF) und ein \
Sitzungs-Cookie, das Ihre Anmeldung oder eine Bestätigungsmeldung für den nächsten Seitenaufruf \
speichert. Diese Cookies enthalten keine Angaben zu Ihrer Person und dienen nicht der \
Auswertung Ihres Verhaltens. Eine Einwilligung ist dafür nicht erforderlich \
(§ 25 Abs. 2 Nr. 2 TDDDG). Die Sprachwahl speichern wir nicht in einem Cookie, sie steht in der \
Adresse der Seite.

## Rückmeldungen zur Barrierefreiheit

Wenn Sie uns über das Formular auf der Seite „Barrierefreiheit“ schreiben, speichern wir Ihre \
Nachricht und, falls angegeben, Ihren Namen, Ihre E-Mail-Adresse und die betroffene Seite. \
Wir nutzen diese Angaben nur, um die Barriere zu beheben und Ihnen zu antworten. Rechtsgrundlage \
ist Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit § 4 LDSG und § 10 \
Landes-Behindertengleichstellungsgesetz (L-BGG). Wir löschen die Angaben ein Jahr, nachdem Ihr \
Anliegen erledigt ist.

## Einträge von Akteuren

Wenn Sie einen Eintrag für Ihre Organisation vorschlagen oder pflegen, verarbeiten wir die \
Angaben, die Sie dafür machen. Kontaktdaten einer Ansprechperson erscheinen nur dann \
öffentlich, wenn Sie das ausdrücklich wünschen.

## Ihre Rechte

Sie haben nach der Datenschutz-Grundverordnung das Recht auf Auskunft (Art. 15), Berichtigung \
(Art. 16), Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18) und Widerspruch \
(Art. 21). Wenden Sie sich dafür an die verantwortliche Stelle oder die \
Datenschutzbeauftragte.

Sie können sich außerdem beim Landesbeauftragten für den Datenschutz und die \
Informationsfreiheit Baden-Württemberg beschweren: Lautenschlagerstraße 20, 70173 Stuttgart, \
E-Mail: [poststelle@lfdi.bwl.de](mailto:poststelle@lfdi.bwl.de).
"""

ACCESSIBILITY = """\
<!-- Bitte prüfen: Datum der Selbstbewertung, Kontaktdaten der Ombudsstelle (Stand der \
Mustererklärung des Landes) und die Liste der nicht barrierefreien Inhalte nach jeder \
Überprüfung. -->

Die Stadt Ludwigsburg ist bemüht, ihre Websites und mobilen Anwendungen im Einklang mit \
§ 10 Absatz 1 des Landes-Behindertengleichstellungsgesetzes (L-BGG) barrierefrei zugänglich zu \
machen. Diese Erklärung zur Barrierefreiheit gilt für das Eine-Welt-Portal Ludwigsburg.

## Stand der Vereinbarkeit mit den Anforderungen

Dieses Portal ist wegen der unten aufgeführten Ausnahmen teilweise mit den Anforderungen der \
Richtlinie (EU) 2016/2102 und der harmonisierten Norm EN 301 549 (Web Content Accessibility \
Guidelines 2.1, Konformitätsstufe AA) vereinbar.

## Nicht barrierefreie Inhalte

- Texte, Logos und Links, die Akteure selbst einstellen, prüfen wir vor der Veröffentlichung. \
Wir können aber nicht ausschließen, dass einzelne Beschreibungen schwer verständlich sind oder \
Logos keine aussagekräftige Beschreibung haben.
- Verlinkte Websites der Akteure liegen nicht in unserer Verantwortung und sind teilweise nicht \
barrierefrei.
- Ein Video in Deutscher Gebärdensprache wird erst nach und nach ergänzt.

## Erstellung dieser Erklärung

Diese Erklärung wurde am 25. November 2026 erstellt. Sie beruht auf einer Selbstbewertung \
durch die Stadt Ludwigsburg, unterstützt durch automatische Prüfungen bei jeder Änderung des \
Portals.

## Feedback und Kontaktangaben

Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten aufgefallen? Oder brauchen Sie \
Informationen aus dem Portal in einer barrierefreien Form? Dann schreiben Sie uns über das \
Formular auf dieser Seite oder per E-Mail an \
[eine-welt@ludwigsburg.de](mailto:eine-welt@ludwigsburg.de). Wir antworten in der Regel \
innerhalb von zwei Wochen.

## Schlichtungsverfahren

Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich an die \
Ombudsstelle für barrierefreie Informationstechnik bei der Beauftragten der Landesregierung für \
die Belange von Menschen mit Behinderungen (Landes-Behindertenbeauftragte Baden-Württemberg) \
wenden. Die Ombudsstelle vermittelt kostenlos zwischen Ihnen und der öffentlichen Stelle, um \
eine außergerichtliche Lösung zu finden. Sie brauchen dafür keinen Rechtsbeistand.

Ombudsstelle für barrierefreie Informationstechnik  
bei der Landes-Behindertenbeauftragten Baden-Württemberg  
Else-Josenhans-Straße 6  
70173 Stuttgart  
E-Mail: [poststelle@bfbmb.bwl.de](mailto:poststelle@bfbmb.bwl.de)
"""

EASY_LANGUAGE = """\
Hier erklären wir das Eine-Welt-Portal in Leichter Sprache.

## Was ist das Eine-Welt-Portal?

Das Portal ist eine Internet-Seite von der Stadt Ludwigsburg.

Viele Menschen in Ludwigsburg setzen sich für die Eine Welt ein.  
Das heißt: Sie wollen, dass es allen Menschen auf der Welt gut geht.  
Zum Beispiel: fairer Handel, Umwelt-Schutz oder Hilfe für andere Länder.

Diese Menschen arbeiten in Vereinen und Gruppen.  
Im Portal finden Sie diese Vereine und Gruppen.

## Was finden Sie im Portal?

- **Akteure:** Das sind Vereine, Gruppen, Schulen und Läden.
- **Netzwerke:** Das sind Gruppen, in denen viele zusammen arbeiten.
- **Veranstaltungen:** Das sind Treffen, Feste und Vorträge.

## Wie benutzen Sie das Portal?

Oben auf jeder Seite ist ein Menü.  
Dort klicken Sie auf ein Wort.  
Zum Beispiel auf **Akteure**.

Sie möchten etwas suchen?  
Dann schreiben Sie ein Wort in das Such-Feld.  
Zum Beispiel: **Schule**.  
Dann klicken Sie auf **Suchen**.

## Wer macht das Portal?

Das Portal macht die Koordinations-Stelle von der Stadt Ludwigsburg.  
Die Koordinations-Stelle bringt die Vereine und Gruppen zusammen.  
So können alle voneinander lernen.

## Haben Sie Fragen?

Dann schreiben Sie uns eine E-Mail.  
Die Adresse ist: [eine-welt@ludwigsburg.de](mailto:eine-welt@ludwigsburg.de)
"""

PAGES = [
    (
        "home_intro",
        "Eine Welt beginnt in Ludwigsburg",
        "Akteure, Netzwerke und Veranstaltungen der kommunalen Entwicklungspolitik in "
        "Ludwigsburg.",
        HOME_INTRO,
    ),
    (
        "office",
        "Koordinationsstelle kommunale Entwicklungspolitik",
        "Die Koordinationsstelle der Stadt Ludwigsburg vernetzt Eine-Welt-Akteure in der Stadt, "
        "im Land und im Bund.",
        OFFICE,
    ),
    ("imprint", "Impressum", "Impressum des Eine-Welt-Portals der Stadt Ludwigsburg.", IMPRINT),
    (
        "privacy",
        "Datenschutzerklärung",
        "Welche Daten das Eine-Welt-Portal Ludwigsburg verarbeitet: keine Cookies zur "
        "Analyse, kein Tracking, keine fremden Server.",
        PRIVACY,
    ),
    (
        "accessibility",
        "Erklärung zur Barrierefreiheit",
        "Erklärung zur Barrierefreiheit des Eine-Welt-Portals Ludwigsburg mit Formular für "
        "Rückmeldungen.",
        ACCESSIBILITY,
    ),
    (
        "easy_language",
        "Leichte Sprache",
        "Das Eine-Welt-Portal Ludwigsburg in Leichter Sprache erklärt.",
        EASY_LANGUAGE,
    ),
]


def create_pages(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for key, title, description, body in PAGES:
        Page.objects.get_or_create(
            key=key, defaults={"title": title, "description": description, "body": body}
        )


def grant(apps, schema_editor):
    grant_staff_permissions(
        apps,
        schema_editor,
        # Page rows are fixed (one per key): staff edit them, never add or delete.
        models={
            "pages.page": ("change", "view"),
            "pages.accessibilityfeedback": ("change", "view", "delete"),
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("actors", "0003_staff_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_pages, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
