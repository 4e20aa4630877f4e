"""The one renderer of a dossier's answers: labels, names, dates, Có/Không, grouped by section.

Used by the review step, the citizen's and the officer's dossier pages (template partial
`dossiers/_answers.html`, context `sections`) and the slips (`write_answers`).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dichvucong.core.pdf import paragraph
from dichvucong.dossiers.forms.prefill import national_sources
from dichvucong.dossiers.forms.registry import display_value

# Answers stored without a schema row (the counter's free note) and how they are named.
EXTRA_LABELS = {"noi_dung": gettext_lazy("Nội dung yêu cầu")}


@dataclass(frozen=True)
class Answer:
    """One answer as a person reads it."""

    label: str
    text: str
    source: str = ""  # where a national system's value came from ("Từ CSDL quốc gia về dân cư")


@dataclass
class Section:
    """A titled group of answers (the title is empty for rows without a section)."""

    title: str
    answers: list[Answer] = field(default_factory=list)


def answer_sections(schema, data, sources: dict | None = None) -> list[Section]:
    """Return the stored answers of a dossier as sections of labelled, readable values;
    `sources` ({row name: label}, from `prefill.national_sources`) marks fetched ones."""
    sources = sources or {}
    data = data if isinstance(data, dict) else {}
    rows = [
        spec  # a broken row of old data is skipped: its answer is listed below with the others
        for spec in (schema if isinstance(schema, list) else [])
        if isinstance(spec, dict) and isinstance(spec.get("name"), str)
    ]
    if not any(spec["name"] in data for spec in rows):
        rows = []  # a dossier opened without the form (at the counter): no column of dashes
    sections: list[Section] = []
    shown = set()
    for spec in rows:
        name = spec["name"]
        shown.add(name)
        title = spec.get("section") if isinstance(spec.get("section"), str) else ""
        if not sections or sections[-1].title != title:
            sections.append(Section(title))
        label = spec.get("label") if isinstance(spec.get("label"), str) else name
        sections[-1].answers.append(
            Answer(label or name, display_value(spec, data.get(name)), sources.get(name, ""))
        )
    extra = [
        Answer(str(EXTRA_LABELS.get(key, key)), display_value({}, value))
        for key, value in data.items()
        if key not in shown and value not in (None, "", {})
    ]
    if extra:
        sections.append(Section(_("Thông tin khác") if sections else "", extra))
    return sections


def dossier_answers(dossier) -> list[Section]:
    """Return a dossier's answers against its procedure's form."""
    schema = (
        dossier.procedure.form_schema if isinstance(dossier.procedure.form_schema, list) else []
    )
    sources = national_sources(
        schema, dossier.form_data, user=dossier.applicant, record=dossier.population_record
    )
    return answer_sections(schema, dossier.form_data, sources)


def write_answers(pdf, sections: list[Section], *, heading: str = "") -> None:
    """Write answer sections into a slip (PDF), one "label: value" line each."""
    if not sections:
        return
    if heading:
        paragraph(pdf, heading, bold=True)
    for section in sections:
        if section.title:
            paragraph(pdf, section.title, bold=True)
        for answer in section.answers:
            paragraph(pdf, f"    {answer.label}: {answer.text or '—'}")
