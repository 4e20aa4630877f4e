"""Run the background task worker: `python manage.py task_worker` (use it, not `db_worker`).

Takes the options of django-tasks-db's `db_worker`; the loop is `core.worker.SupervisedWorker`
(back-off on database errors, heartbeat, lease on abandoned tasks).
"""

import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from dichvucong.core.memory import freeze_startup_objects
from dichvucong.core.pdf import prepare_faces
from dichvucong.core.worker import SupervisedWorker


class Command(DbWorkerCommand):
    help = "Chạy tiến trình xử lý nền (tự thử lại khi cơ sở dữ liệu tạm lỗi)."

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, batch, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        prepare_faces()  # receipts and slips: no task pays for cutting the fonts
        freeze_startup_objects()
        worker = SupervisedWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            batch=batch,
            interval=options["interval"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
