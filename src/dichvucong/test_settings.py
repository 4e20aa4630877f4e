"""Settings for the test suite: the production settings with test switches set first."""

import os

os.environ.setdefault("DVC_TESTING", "1")
os.environ.setdefault("TASKS_BACKEND", "immediate")
os.environ.setdefault("DEMO_MODE", "1")

from dichvucong.settings import *  # noqa: F403
