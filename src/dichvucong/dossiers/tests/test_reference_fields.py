"""Form fields of the national lists: a Chăm, Raglai or K'Ho child is recorded by code and
shown by name; answers written before the lists keep showing as they were written."""

import pytest

from dichvucong.dossiers.forms import SchemaForm, answer_sections, answers

SCHEMA = [
    {"name": "child_ethnicity", "label": "Dân tộc", "type": "ethnicity", "required": True},
    {"name": "nationality", "label": "Quốc tịch", "type": "nationality", "required": True},
]


def _shown(data) -> dict[str, str]:
    return {a.label: a.text for s in answer_sections(SCHEMA, data) for a in s.answers}


@pytest.mark.parametrize(
    "typed,code,name",
    [("Chăm", "14", "Chăm"), ("Raglai", "19", "Ra Glai"), ("K'Ho", "15", "Cơ Ho")],
)
def test_a_child_of_any_of_the_54_groups_is_recorded_by_code_and_shown_by_name(typed, code, name):
    form = SchemaForm(SCHEMA, data={"child_ethnicity": typed, "nationality": "Việt Nam"})
    assert form.is_valid(), form.errors
    stored = answers(form)
    assert stored == {"child_ethnicity": code, "nationality": "VN"}
    assert _shown(stored) == {"Dân tộc": name, "Quốc tịch": "Việt Nam"}


def test_a_forged_code_is_refused_with_the_list_s_own_message():
    form = SchemaForm(SCHEMA, data={"child_ethnicity": "55", "nationality": "QQ"})
    assert not form.is_valid()
    assert "không có trong danh mục 54 dân tộc Việt Nam" in form.errors["child_ethnicity"][0]
    assert "không có trong danh mục quốc tịch" in form.errors["nationality"][0]


def test_old_answers_written_as_free_text_still_display():
    assert _shown({"child_ethnicity": "Khác", "nationality": "Việt Nam"}) == {
        "Dân tộc": "Khác",
        "Quốc tịch": "Việt Nam",
    }


def test_an_old_draft_with_a_name_is_shown_by_name_and_submits_as_the_code():
    form = SchemaForm(SCHEMA, initial={"child_ethnicity": "Kinh", "nationality": "Việt Nam"})
    assert 'value="Kinh"' in str(form["child_ethnicity"])
    resubmitted = SchemaForm(SCHEMA, data={"child_ethnicity": "Kinh", "nationality": "Việt Nam"})
    assert resubmitted.is_valid() and answers(resubmitted)["child_ethnicity"] == "01"
