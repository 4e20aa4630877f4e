"""Markup the browser journeys' axe checks asked for, kept by the pages themselves."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from dichvucong.processing.tests.factories import make_dossier

pytestmark = pytest.mark.django_db


def test_flash_messages_are_items_of_a_real_list_inside_a_live_region():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    html = render_to_string("base.html", {"messages": [Message(25, "Đã lưu")]}, request=request)
    region = re.search(r'<div role="status">\s*<ul class="messages">(.*?)</ul>', html, re.S)
    assert region and 'class="message message--success">Đã lưu</li>' in region.group(1)
    assert '<ul class="messages" role="status">' not in html  # a role would hide the list


def test_a_table_that_may_scroll_sideways_can_be_reached_by_keyboard(client):
    dossier = make_dossier()
    client.force_login(dossier.applicant)
    page = client.get(reverse("tracking:my_dossiers")).content.decode()
    assert '<div class="table-wrap" tabindex="0">' in page
