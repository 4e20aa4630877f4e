"""The demo catalog: placeholder until the catalog importer lands."""

from dichvucong.demo.registry import DemoReport


def load(report: DemoReport) -> None:
    report.lines.append("Danh mục thủ tục: chưa có")
