"""Check a whole catalog file before anything is written; every problem names its row."""

from django.utils.translation import gettext as _

from dichvucong.catalog.fees import fee_row_problem
from dichvucong.catalog.form_schema import validate_form_schema
from dichvucong.catalog.importer import checks
from dichvucong.catalog.importer.checks import Problems
from dichvucong.catalog.models import (
    Agency,
    AgencyLevel,
    FeeChannel,
    FeeUnit,
    Field,
    FormTemplate,
    IdentityLevel,
    OnlineLevel,
    PaperSource,
    Procedure,
    form_field_names,
)

FIELD_KEYS = frozenset({"code", "name", "order"})
AGENCY_KEYS = frozenset(
    {"code", "name", "short_name", "level", "parent", "address", "phone", "email", "is_demo_code"}
)
FORM_KEYS = frozenset(
    {"code", "title", "subtitle", "form_number", "recipient", "fields", "commitment", "signer"}
)
PROCEDURE_TEXTS = (
    "implementing_level",
    "processing_time_text",
    "applicants",
    "steps",
    "method",
    "conditions",
    "result",
    "legal_basis",
    "fee_text",
    "source_url",
)
PROCEDURE_KEYS = frozenset(
    {
        "code",
        "name",
        "field",
        "agencies",
        "online_level",
        "channels",
        "processing_days",
        "fees",
        "requires_originals",
        "min_identity_level",
        "required_documents",
        "popularity",
        "is_active",
        "form_schema",
        *PROCEDURE_TEXTS,
    }
)
FEE_KEYS = frozenset({"name", "amount", "note", "channel", "unit", "quantity_field", "is_optional"})
DOCUMENT_KEYS = frozenset(
    {
        *("code", "name", "originals", "copies", "is_required"),
        *("replaced_by_eform", "fetched_from", "note", "form_template"),
    }
)
CHANNELS = ("counter", "online", "post")
SECTIONS = ("fields", "agencies", "forms", "procedures")


def _rows(data: dict, section: str, problems: Problems) -> list[dict]:
    rows = data.get(section)
    if rows is None:
        return []
    if not isinstance(rows, list):
        problems.add(section, _("phải là một danh sách."))
        return []
    return rows


def _check_row(row, where: str, allowed, problems: Problems, *checks_) -> bool:
    if not isinstance(row, dict):
        problems.add(where, _("mỗi dòng phải là một đối tượng JSON."))
        return False
    reasons = [checks.unknown_keys(row, allowed), *[check(row) for check in checks_]]
    for reason in filter(None, reasons):
        problems.add(where, reason)
    return not any(reasons)


def _unique(rows: list[dict], label: str, problems: Problems) -> set[str]:
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not isinstance(row.get("code"), str):
            continue
        if row["code"] in seen:
            problems.add(
                f"{label} {number}",
                _("mã “%(code)s” trùng với dòng %(first)d.")
                % {"code": row["code"], "first": seen[row["code"]]},
            )
        else:
            seen[row["code"]] = number
    return set(seen)


def validate_catalog(data) -> list[str]:
    """Return every reason the catalog cannot be imported (an empty list when it can)."""
    problems = Problems()
    if not isinstance(data, dict):
        return [_("Tệp phải là một đối tượng JSON có các mục fields, agencies, forms, procedures.")]
    extra = sorted(set(data) - {*SECTIONS, "format", "version", "province"})
    if extra:
        problems.add(_("Tệp"), _("mục không được hỗ trợ: %(keys)s.") % {"keys": ", ".join(extra)})
    rows = {section: _rows(data, section, problems) for section in SECTIONS}
    field_codes = _check_fields(rows["fields"], problems)
    agency_codes = _check_agencies(rows["agencies"], problems)
    form_codes = _check_forms(rows["forms"], problems)
    known = {
        "field": field_codes | set(Field.objects.values_list("code", flat=True)),
        "agency": agency_codes | set(Agency.objects.values_list("code", flat=True)),
        "form": form_codes
        | set(FormTemplate.objects.exclude(code=None).values_list("code", flat=True)),
    }
    _check_parents(rows["agencies"], known["agency"], problems)
    _unique(rows["procedures"], _("Thủ tục dòng"), problems)
    for number, row in enumerate(rows["procedures"], start=1):
        where = _("Thủ tục dòng %(n)d") % {"n": number}
        if isinstance(row, dict) and isinstance(row.get("code"), str):
            where += f" ({row['code']})"
        _check_procedure(row, where, known, problems)
    return problems.messages


def _check_fields(rows, problems) -> set[str]:
    for number, row in enumerate(rows, start=1):
        _check_row(
            row,
            _("Lĩnh vực dòng %(n)d") % {"n": number},
            FIELD_KEYS,
            problems,
            lambda r: checks.code(r, slug=True),
            lambda r: checks.text(r, "name", required=True, max_length=200),
            lambda r: checks.integer(r, "order", high=100000),
        )
    return _unique(rows, _("Lĩnh vực dòng"), problems)


def _check_agency_level(row) -> str | None:
    if not isinstance(row.get("level"), str) or row["level"] not in AgencyLevel.values:
        return _("“level” phải là một trong: %(values)s.") % {
            "values": ", ".join(AgencyLevel.values)
        }
    return None


def _check_agencies(rows, problems) -> set[str]:
    for number, row in enumerate(rows, start=1):
        _check_row(
            row,
            _("Cơ quan dòng %(n)d") % {"n": number},
            AGENCY_KEYS,
            problems,
            checks.code,
            _check_agency_level,
            lambda r: checks.text(r, "name", required=True, max_length=255),
            lambda r: checks.text(r, "short_name", max_length=100),
            lambda r: checks.text(r, "address", max_length=300),
            lambda r: checks.text(r, "phone", max_length=30),
            lambda r: checks.text(r, "email", max_length=254),
            lambda r: checks.boolean(r, "is_demo_code"),
        )
    return _unique(rows, _("Cơ quan dòng"), problems)


def _check_parents(rows, agency_codes: set[str], problems) -> None:
    for number, row in enumerate(rows, start=1):
        parent = row.get("parent") if isinstance(row, dict) else None
        if not parent:
            continue
        where = _("Cơ quan dòng %(n)d") % {"n": number}
        if parent == row.get("code"):
            problems.add(where, _("cơ quan không thể là cấp trên của chính nó."))
        elif not isinstance(parent, str) or parent not in agency_codes:
            problems.add(
                where, _("cơ quan cấp trên “%(code)s” không có trong danh mục.") % {"code": parent}
            )


def _check_forms(rows, problems) -> set[str]:
    for number, row in enumerate(rows, start=1):
        where = _("Biểu mẫu dòng %(n)d") % {"n": number}
        if _check_row(
            row,
            where,
            FORM_KEYS,
            problems,
            lambda r: checks.code(r, slug=True),
            lambda r: checks.text(r, "title", required=True, max_length=300),
            lambda r: checks.string_list(r, "fields"),
            *[
                lambda r, k=k: checks.text(r, k, max_length=1000)
                for k in ("subtitle", "form_number", "recipient", "commitment", "signer")
            ],
        ) and not row.get("fields"):
            problems.add(where, _("biểu mẫu cần ít nhất một mục “fields”."))
    return _unique(rows, _("Biểu mẫu dòng"), problems)


def _check_reference(row, key: str, known: set[str], label: str) -> str | None:
    value = row.get(key)
    if value in (None, "") and key != "field":
        return None
    if not isinstance(value, str) or value not in known:
        return _("%(label)s “%(code)s” không có trong danh mục.") % {"label": label, "code": value}
    return None


def _check_levels(row) -> str | None:
    level = row.get("online_level") or OnlineLevel.INFO
    if not isinstance(level, str) or level not in OnlineLevel.values:
        return _("“online_level” phải là một trong: %(values)s.") % {
            "values": ", ".join(OnlineLevel.values)
        }
    channels = row.get("channels") or ["counter"]
    if (
        not isinstance(channels, list)
        or not channels
        or not all(isinstance(c, str) and c in CHANNELS for c in channels)
    ):
        return _("“channels” phải là danh sách khác rỗng gồm: %(values)s.") % {
            "values": ", ".join(CHANNELS)
        }
    identity = row.get("min_identity_level") or IdentityLevel.MEDIUM
    if not isinstance(identity, str) or identity not in IdentityLevel.values:
        return _("“min_identity_level” phải là một trong: %(values)s.") % {
            "values": ", ".join(IdentityLevel.values)
        }
    if "online" in channels and level == OnlineLevel.INFO:
        return _("thủ tục chỉ cung cấp thông tin (info) không thể nhận hồ sơ trực tuyến.")
    return None


def _check_days(row) -> str | None:
    days = row.get("processing_days")
    if days is None:
        return None
    if isinstance(days, bool) or not isinstance(days, int | float) or not 0 <= days <= 9999:
        return _("“processing_days” phải là số ngày làm việc từ 0 đến 9999.")
    if round(days * 10) != days * 10:
        return _("“processing_days” chỉ được có một chữ số thập phân.")
    return None


def _check_url(row) -> str | None:
    url = row.get("source_url") or ""
    if url and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
        return _("“source_url” phải bắt đầu bằng http:// hoặc https://.")
    return checks.text(row, "source_url", max_length=500)


def _check_procedure(row, where: str, known: dict, problems: Problems) -> None:
    if not isinstance(row, dict):
        problems.add(where, _("mỗi dòng phải là một đối tượng JSON."))
        return
    agencies = row.get("agencies") or []
    _check_row(
        row,
        where,
        PROCEDURE_KEYS,
        problems,
        lambda r: checks.code(r) or checks.text(r, "code", max_length=20),
        lambda r: checks.text(r, "name", required=True, max_length=500),
        lambda r: _check_reference(r, "field", known["field"], _("lĩnh vực")),
        lambda r: checks.string_list(r, "agencies"),
        _check_levels,
        _check_days,
        _check_url,
        lambda r: checks.integer(r, "popularity", high=10**9),
        lambda r: checks.boolean(r, "requires_originals"),
        lambda r: checks.boolean(r, "is_active"),
        *[
            lambda r, k=k: checks.text(
                r, k, max_length=500 if k == "processing_time_text" else None
            )
            for k in PROCEDURE_TEXTS
            if k != "source_url"
        ],
    )
    if row.get("form_schema") is not None:
        for problem in validate_form_schema(row["form_schema"]):
            problems.add(where, _("biểu mẫu điện tử, %(problem)s") % {"problem": problem})
    for code in agencies if isinstance(agencies, list) else []:
        if isinstance(code, str) and code not in known["agency"]:
            problems.add(where, _("cơ quan “%(code)s” không có trong danh mục.") % {"code": code})
    form_fields = _procedure_form_fields(row)
    _check_children(
        row,
        "fees",
        where,
        _("phí dòng %(n)d"),
        FEE_KEYS,
        problems,
        (
            lambda r: checks.text(r, "name", required=True, max_length=300),
            lambda r: (
                checks.integer(r, "amount") if r.get("amount") is not None else _("thiếu “amount”.")
            ),
            lambda r: checks.text(r, "note"),
            lambda r: _check_choice(r, "channel", FeeChannel),
            lambda r: _check_choice(r, "unit", FeeUnit),
            lambda r: checks.text(r, "quantity_field", max_length=100),
            lambda r: checks.boolean(r, "is_optional"),
            lambda r: _check_fee_quantity(r, form_fields),
        ),
    )
    _check_children(
        row,
        "required_documents",
        where,
        _("giấy tờ dòng %(n)d"),
        DOCUMENT_KEYS,
        problems,
        (
            lambda r: checks.code(r) if r.get("code") not in (None, "") else None,
            lambda r: checks.text(r, "name", required=True),
            lambda r: checks.integer(r, "originals", high=100),
            lambda r: checks.integer(r, "copies", high=100),
            lambda r: checks.boolean(r, "is_required"),
            lambda r: checks.boolean(r, "replaced_by_eform"),
            _check_paper_source,
            lambda r: checks.text(r, "note"),
            lambda r: _check_reference(r, "form_template", known["form"], _("biểu mẫu")),
        ),
    )
    _check_paper_codes(row, where, problems)


def _check_paper_source(row: dict) -> str | None:
    value = row.get("fetched_from")
    if value in (None, "") or value in PaperSource.values:
        return None
    return _("“fetched_from” chỉ nhận: %(values)s.") % {
        "values": ", ".join(v for v in PaperSource.values if v)
    }


def _check_paper_codes(row, where: str, problems: Problems) -> None:
    """A paper's code names it inside its procedure, so two papers cannot share one."""
    papers = row.get("required_documents")
    seen: dict[str, int] = {}
    for number, paper in enumerate(papers if isinstance(papers, list) else [], start=1):
        code = paper.get("code") if isinstance(paper, dict) else None
        if not isinstance(code, str) or not code:
            continue
        if code in seen:
            problems.add(
                f"{where}, " + _("giấy tờ dòng %(n)d") % {"n": number},
                _("mã “%(code)s” trùng với dòng %(first)d.") % {"code": code, "first": seen[code]},
            )
        else:
            seen[code] = number


def _check_choice(row, key: str, choices) -> str | None:
    value = row.get(key)
    if value is not None and value not in choices.values:
        return _("“%(key)s” phải là một trong: %(values)s.") % {
            "key": key,
            "values": ", ".join(choices.values),
        }
    return None


def _procedure_form_fields(row: dict) -> set[str] | None:
    """Return the field names of the procedure's form: the one in the file, else the stored one
    (None when it has no form yet: the quantity fields are then checked when the form comes)."""
    fees = row.get("fees")
    if not isinstance(fees, list) or not any(
        isinstance(f, dict) and f.get("quantity_field") for f in fees
    ):
        return None
    if "form_schema" in row:
        return form_field_names(row["form_schema"])
    code = row.get("code")
    if not isinstance(code, str):
        return None
    stored = Procedure.objects.filter(code=code).values_list("form_schema", flat=True).first()
    return form_field_names(stored)


def _check_fee_quantity(row: dict, form_fields: set[str] | None) -> str | None:
    if any(
        _check_choice(row, k, c) for k, c in (("channel", FeeChannel), ("unit", FeeUnit))
    ) or not isinstance(row.get("quantity_field") or "", str):
        return None  # reported by the checks above
    return fee_row_problem(
        unit=row.get("unit") or FeeUnit.DOSSIER,
        quantity_field=row.get("quantity_field") or "",
        is_optional=row.get("is_optional") is True,
        form_fields=form_fields,
    )


def _check_children(row, key, where, label, allowed, problems, row_checks) -> None:
    children = row.get(key) or []
    if not isinstance(children, list):
        problems.add(where, _("“%(key)s” phải là một danh sách.") % {"key": key})
        return
    for number, child in enumerate(children, start=1):
        _check_row(child, f"{where}, {label % {'n': number}}", allowed, problems, *row_checks)
