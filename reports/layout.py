"""What a report says, in reading order, as a list of simple blocks.

Every renderer draws the same blocks: the page and the PDF through one template
(``reports/includes/blocks.html``), the Word file through :mod:`reports.word`. So a
heading, a table or a sentence is written once, here, and the formats cannot drift
apart. Blocks are plain dicts:

- ``heading``: ``level`` (2–4), ``text``, ``id``
- ``paragraphs``: ``items`` (strings), ``style`` ("" / "note" / "notice")
- ``facts``: ``items`` (label, value) pairs
- ``table``: ``caption``, ``columns``, ``rows`` (cells: a string or
  ``{"text", "url"}``), ``numeric`` (indexes of right-aligned columns)
- ``chart``: ``title``, ``items`` (``[{"label", "value"}]``)
- ``list``: ``items`` (cells as in tables)
"""

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext


def _n(value) -> str:
    return number_format(value, force_grouping=True)


def heading(text, *, level=2, id=""):
    return {"type": "heading", "level": level, "text": text, "id": id}


def paragraphs(*items, style=""):
    return {"type": "paragraphs", "items": [item for item in items if item], "style": style}


def table(columns, rows, *, caption="", numeric=()):
    return {
        "type": "table",
        "caption": caption,
        "columns": columns,
        "rows": rows,
        "numeric": list(numeric),
    }


def link(text, url):
    return {"text": text, "url": url} if url else text


def split_paragraphs(text: str) -> list[str]:
    """Staff texts: paragraphs separated by a blank line, line breaks kept."""
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def blocks(
    data: dict, *, introduction: str = "", outlook: str = "", public: bool = False
) -> list[dict]:
    """The report ``data`` (from :func:`reports.compute.compute_report`) as blocks, in
    the report's language. ``public``: the version for the website (no names that the
    actors did not publish)."""
    with translation.override(data["language"]):
        result = [
            {
                "type": "facts",
                "items": [
                    (gettext("Berichtszeitraum"), data["period"]["label"]),
                    (gettext("Stand"), data["generated_label"]),
                    (gettext("Datenquelle"), data["source"]),
                ],
            }
        ]
        if introduction:
            result += [
                heading(gettext("Einleitung"), id="einleitung"),
                paragraphs(*split_paragraphs(introduction)),
            ]
        result += _overview(data)
        result += _networks(data["networks"], public=public)
        result += _events(data["events"])
        result += _landscape(data["landscape"], data)
        result += _selfservice(data["selfservice"])
        result += _goals(data["goals"])
        if outlook:
            result += [
                heading(gettext("Ausblick"), id="ausblick"),
                paragraphs(*split_paragraphs(outlook)),
            ]
        result += [
            heading(gettext("Datengrundlage"), id="datengrundlage"),
            paragraphs(
                gettext(
                    "Alle Zahlen stammen aus dem Eine-Welt-Portal Ludwigsburg, das die "
                    "Koordinationsstelle pflegt, und wurden am %(date)s für den "
                    "Berichtszeitraum %(period)s berechnet. Gezählt werden nur "
                    "veröffentlichte Einträge."
                )
                % {"date": data["generated_label"], "period": data["period"]["label"]},
                gettext(
                    "Veranstaltungen zählen so genau, wie ihr Datum bekannt ist: mit Tag, "
                    "wenn sie im Zeitraum stattfanden; nur mit Monat oder Jahr, wenn der "
                    "Zeitraum diesen Monat oder dieses Jahr ganz umfasst. Veranstaltungen "
                    "ohne Datum werden gesondert aufgeführt und nicht gezählt."
                ),
                gettext(
                    "Mitgliedschaften zählen, wenn sie spätestens am letzten Tag des "
                    "Zeitraums begannen und nicht vor seinem ersten Tag endeten. Ist ihr "
                    "Beginn nicht erfasst, steht „nicht bekannt“; ein Datum wird nie ergänzt."
                ),
                gettext(
                    "Die Akteurslandschaft zeigt das Verzeichnis am Tag der Berechnung; "
                    "Veränderungen im Zeitraum stammen aus der Änderungshistorie."
                ),
                gettext("Die Datensätze hinter jeder Zahl enthält der CSV-Anhang."),
                style="note",
            ),
        ]
        return result


def _overview(data) -> list[dict]:
    networks, events, landscape = data["networks"], data["events"], data["landscape"]
    items = [
        (
            gettext("Mitgliedschaften und Rollen der Stadt"),
            _n(networks["counts"]["held"])
            + (
                " "
                + gettext("(davon %(count)s mit unbekanntem Beginn)")
                % {"count": _n(networks["counts"]["unknown_start"])}
                if networks["counts"]["unknown_start"]
                else ""
            ),
        ),
        (
            gettext("Veranstaltungen im Zeitraum"),
            _n(events["count"])
            + " "
            + gettext("(davon mit Beteiligung der Stadt: %(count)s)")
            % {"count": _n(events["city_count"])},
        ),
        (gettext("Veröffentlichte Akteure (Stand)"), _n(landscape["total"])),
        (gettext("Neu veröffentlichte Akteure im Zeitraum"), _n(landscape["new"]["count"])),
        (
            gettext("Eingänge im Mitmachen-Bereich"),
            _n(sum(row["received"] for row in data["selfservice"]["rows"])),
        ),
    ]
    result = [heading(gettext("Überblick"), id="ueberblick"), {"type": "facts", "items": items}]
    if data["is_empty"]:
        result.append(
            paragraphs(
                gettext(
                    "Für diesen Zeitraum sind keine datierten Einträge erfasst: keine "
                    "Veranstaltungen, keine Mitgliedschaften mit bekanntem Beginn, keine "
                    "Veränderungen im Verzeichnis und keine Aktivität im Mitmachen-Bereich. "
                    "Aufgeführt sind nur Angaben ohne Datum und der Stand des Verzeichnisses."
                ),
                style="notice",
            )
        )
    return result


def _networks(networks, *, public) -> list[dict]:
    counts = networks["counts"]
    result = [heading(gettext("Netzwerkarbeit der Stadt"), id="netzwerke")]
    memberships = networks["memberships"]
    if memberships:
        rows = []
        for item in memberships:
            remark = []
            if item["new"]:
                remark.append(gettext("neu im Zeitraum"))
            if item["ended"]:
                remark.append(gettext("beendet im Zeitraum"))
            rows.append(
                [
                    link(item["network"], item["network_url"]),
                    item["level_label"],
                    item["actor"],
                    item["role_label"],
                    item["start_label"],
                    item["end_label"],
                    ", ".join(remark),
                ]
            )
        result.append(
            table(
                [
                    gettext("Netzwerk"),
                    gettext("Ebene"),
                    gettext("Akteur"),
                    gettext("Rolle"),
                    gettext("seit"),
                    gettext("bis"),
                    gettext("Hinweis"),
                ],
                rows,
                caption=gettext("Mitgliedschaften und Rollen im Zeitraum"),
            )
        )
        if counts["unknown_start"]:
            result.append(
                paragraphs(
                    ngettext(
                        "Bei %(count)s Mitgliedschaft ist der Beginn nicht erfasst. Sie ist "
                        "aufgeführt, weil sie nicht vor dem Zeitraum endete.",
                        "Bei %(count)s Mitgliedschaften ist der Beginn nicht erfasst. Sie "
                        "sind aufgeführt, weil sie nicht vor dem Zeitraum endeten.",
                        counts["unknown_start"],
                    )
                    % {"count": _n(counts["unknown_start"])},
                    style="note",
                )
            )
    else:
        result.append(
            paragraphs(gettext("Im Zeitraum sind keine Mitgliedschaften der Stadt erfasst."))
        )
    new = [item for item in memberships if item["new"]]
    ended = [item for item in memberships if item["ended"]]
    result.append(
        {
            "type": "facts",
            "items": [
                (
                    gettext("Neue Mitgliedschaften"),
                    _membership_names(new) or gettext("keine"),
                ),
                (
                    gettext("Beendete Mitgliedschaften"),
                    _membership_names(ended) or gettext("keine"),
                ),
            ],
        }
    )

    mandates = [item for item in memberships if item["has_mandate"]]
    result.append(heading(gettext("Mandate"), level=3, id="mandate"))
    if mandates:
        result.append(
            table(
                [
                    gettext("Netzwerk"),
                    gettext("Funktion"),
                    gettext("Mandatsträger*in"),
                    gettext("Grundlage"),
                ],
                [
                    [
                        item["network"],
                        item["mandate_function"] or item["role_label"],
                        item["mandate_holder"]
                        if item["holder_public"] or not public
                        else gettext("(nicht veröffentlicht)"),
                        item["mandate_basis"],
                    ]
                    for item in mandates
                ],
            )
        )
    else:
        result.append(paragraphs(gettext("Keine Mandate mit Funktion oder Person erfasst.")))

    exchanges = networks["exchanges"]
    result.append(heading(gettext("Austausch mit Expert*innen"), level=3, id="austausch"))
    columns = [gettext("Name"), gettext("Funktion"), gettext("Thema"), gettext("Datum")]
    if exchanges["in_period"]:
        result.append(
            table(
                columns,
                [_exchange_row(item) for item in exchanges["in_period"]],
                caption=gettext("Im Zeitraum"),
            )
        )
    else:
        result.append(paragraphs(gettext("Kein datierter Austausch im Zeitraum.")))
    if exchanges["undated"]:
        result.append(
            table(
                columns,
                [_exchange_row(item) for item in exchanges["undated"]],
                caption=gettext("Ohne Datum (nicht einem Zeitraum zugeordnet)"),
            )
        )

    if networks["other_networks"]:
        result += [
            heading(gettext("Mitgliedschaften weiterer Akteure"), level=3, id="weitere"),
            table(
                [gettext("Netzwerk"), gettext("Mitgliedschaften")],
                [[item["label"], _n(item["value"])] for item in networks["other_networks"]],
                numeric=[1],
            ),
        ]
    return result


def _membership_names(items) -> str:
    return "; ".join(f"{item['network']} ({item['role_label']})" for item in items)


def _exchange_row(item):
    return [item["expert"], item["function"], item["topic"], item["date_label"]]


def _event_rows(events):
    rows = []
    for event in events:
        city = "; ".join(f"{p['actor']}: {p['role_label']}" for p in event["city_roles"])
        others = "; ".join(f"{p['actor']} ({p['role_label']})" for p in event["participants"])
        if event["participants_more"]:
            others += " " + gettext("und %(count)s weitere") % {
                "count": _n(event["participants_more"])
            }
        rows.append(
            [
                link(event["title"], event["url"]),
                event["date_label"],
                city or "—",
                others.strip() or "—",
            ]
        )
    return rows


def _event_columns():
    return [
        gettext("Veranstaltung"),
        gettext("Datum"),
        gettext("Rolle der Stadt"),
        gettext("Weitere Akteure (Rolle)"),
    ]


def _events(events) -> list[dict]:
    result = [heading(gettext("Veranstaltungen"), id="veranstaltungen")]
    if events["count"]:
        result.append(
            {
                "type": "chart",
                "title": gettext("Veranstaltungen nach Ebene"),
                "items": events["by_level"],
            }
        )
    else:
        result.append(paragraphs(gettext("Im Zeitraum sind keine Veranstaltungen erfasst.")))
    for level in events["levels"]:
        result.append(
            heading(
                ngettext(
                    "%(level)s: %(count)s Veranstaltung, davon %(city)s mit Beteiligung der Stadt",
                    "%(level)s: %(count)s Veranstaltungen, davon %(city)s mit Beteiligung der "
                    "Stadt",
                    level["count"],
                )
                % {
                    "level": level["label"],
                    "count": _n(level["count"]),
                    "city": _n(level["city_count"]),
                },
                level=3,
                id=f"ebene-{level['level']}",
            )
        )
        result.append(table(_event_columns(), _event_rows(level["events"])))
        if level["more"]:
            result.append(
                paragraphs(
                    gettext(
                        "Weitere %(count)s Veranstaltungen ohne Beteiligung der Stadt stehen "
                        "im CSV-Anhang."
                    )
                    % {"count": _n(level["more"])},
                    style="note",
                )
            )
    if events["roles"]:
        result.append(
            table(
                [gettext("Rolle"), *events["role_levels"], gettext("gesamt")],
                [
                    [role["label"], *[_n(cell) for cell in role["cells"]], _n(role["total"])]
                    for role in events["roles"]
                ],
                caption=gettext("Mitwirkung der Akteure nach Rolle und Ebene"),
                numeric=range(1, len(events["role_levels"]) + 2),
            )
        )
    if events["imprecise"]:
        result += [
            heading(gettext("Datum ungenau"), level=3, id="datum-ungenau"),
            paragraphs(
                gettext(
                    "Diese Veranstaltungen sind nur mit Monat oder Jahr erfasst, und der "
                    "Zeitraum umfasst diesen Monat oder dieses Jahr nicht ganz. Sie werden "
                    "nicht gezählt."
                ),
                style="note",
            ),
            table(_event_columns(), _event_rows(events["imprecise"])),
        ]
    if events["undated"]:
        result += [
            heading(gettext("Ohne Datum"), level=3, id="ohne-datum"),
            paragraphs(
                gettext(
                    "Für diese Veranstaltungen ist kein Datum erfasst; sie werden keinem "
                    "Zeitraum zugeordnet und nicht gezählt."
                ),
                style="note",
            ),
            table(_event_columns(), _event_rows(events["undated"])),
        ]
    return result


def _landscape(landscape, data) -> list[dict]:
    new = landscape["new"]
    result = [
        heading(gettext("Akteurslandschaft"), id="akteure"),
        paragraphs(
            gettext("Verzeichnisstand am %(date)s: %(count)s veröffentlichte Akteure.")
            % {"date": data["generated_label"], "count": _n(landscape["total"])}
        ),
        {
            "type": "facts",
            "items": [
                (gettext("Neu veröffentlicht im Zeitraum"), _n(new["count"])),
                (gettext("Archiviert im Zeitraum"), _n(landscape["archived"])),
                (gettext("Als aktuell bestätigt im Zeitraum"), _n(landscape["confirmed"])),
                (gettext("Ohne Angabe eines SDG"), _n(landscape["without_sdg"])),
                (gettext("Ohne Partnerland"), _n(landscape["without_region"])),
            ],
        },
    ]
    for title, items in (
        (gettext("Akteure nach Art"), landscape["by_kind"]),
        (gettext("Akteure nach Stadtteil"), landscape["by_district"]),
        (gettext("Akteure nach Nachhaltigkeitsziel (SDG)"), landscape["by_sdg"]),
        (gettext("Akteure nach Partnerland / Schwerpunktregion"), landscape["region_chart"]),
    ):
        if items:
            result.append({"type": "chart", "title": title, "items": items})
    if new["items"]:
        result.append(heading(gettext("Neu im Verzeichnis"), level=3, id="neu"))
        result.append({"type": "list", "items": [link(i["name"], i["url"]) for i in new["items"]]})
        rest = new["public_count"] - len(new["items"])
        if rest > 0:
            result.append(
                paragraphs(
                    gettext("und %(count)s weitere (siehe CSV-Anhang)") % {"count": _n(rest)},
                    style="note",
                )
            )
    return result


def _selfservice(selfservice) -> list[dict]:
    return [
        heading(gettext("Mitmachen: Aktivität der Vereine"), id="mitmachen"),
        table(
            [gettext("Art"), gettext("eingegangen"), gettext("angenommen"), gettext("abgelehnt")],
            [
                [row["label"], _n(row["received"]), _n(row["approved"]), _n(row["rejected"])]
                for row in selfservice["rows"]
            ],
            caption=gettext(
                "Vorschläge im Zeitraum (angenommen und abgelehnt: im Zeitraum entschieden)"
            ),
            numeric=[1, 2, 3],
        ),
    ]


def _goals(goals) -> list[dict]:
    result = [heading(gettext("Programmziele: geplant – erreicht"), id="ziele")]
    if not goals["items"]:
        return [*result, paragraphs(gettext("Es sind keine Programmziele erfasst."))]
    for goal in goals["items"]:
        result.append(heading(goal["title"], level=3))
        if goal["description"]:
            result.append(paragraphs(*split_paragraphs(goal["description"])))
        for subgoal in goal["subgoals"]:
            result.append(heading(subgoal["title"], level=4))
            if subgoal["description"]:
                result.append(paragraphs(*split_paragraphs(subgoal["description"])))
            rows = [
                [
                    indicator["name"],
                    value["period_label"],
                    value["target_label"],
                    value["actual_label"],
                    indicator["unit"],
                    "" if value["percent"] is None else f"{_n(value['percent'])} %",
                ]
                for indicator in subgoal["indicators"]
                for value in indicator["values"]
            ]
            missing = [i["name"] for i in subgoal["indicators"] if not i["values"]]
            if rows:
                result.append(
                    table(
                        [
                            gettext("Indikator"),
                            gettext("Zeitraum"),
                            gettext("Soll (geplant)"),
                            gettext("Ist (erreicht)"),
                            gettext("Einheit"),
                            gettext("Erreichungsgrad"),
                        ],
                        rows,
                        numeric=[2, 3, 5],
                    )
                )
            if missing:
                result.append(
                    paragraphs(
                        gettext("Ohne Soll-/Ist-Werte für den Zeitraum: %(names)s")
                        % {"names": "; ".join(missing)},
                        style="note",
                    )
                )
            if subgoal["measures"]:
                result.append(
                    table(
                        [
                            gettext("Maßnahme"),
                            gettext("geplant"),
                            gettext("erreicht"),
                            gettext("Veranstaltungen im Zeitraum"),
                            gettext("Beteiligte Akteure"),
                        ],
                        [
                            [
                                measure["title"]
                                + (
                                    f" ({measure['period_label']})"
                                    if measure["period_label"]
                                    else ""
                                ),
                                measure["planned"],
                                measure["achieved"],
                                "\n".join(
                                    f"{event['title']} ({event['date_label']})"
                                    for event in measure["events"]
                                )
                                or "—",
                                ", ".join(measure["actors"]) or "—",
                            ]
                            for measure in subgoal["measures"]
                        ],
                        caption=gettext("Maßnahmen"),
                    )
                )
    return result
