"""`make run` (runportal) creates the demo CA before the web server and the worker start."""

import pytest

from dichvucong.demo.management.commands import runportal


def test_runportal_creates_the_demo_ca_before_starting_the_children(
    settings, tmp_path, monkeypatch
):
    settings.ESIGN_SIGNER = "demo"
    settings.ESIGN_DEMO_CA_DIR = str(tmp_path / "esign-demo-ca")
    settings.DATA_DIR = tmp_path
    seen = {}

    class NoChildren:
        def __init__(self, *args, **kwargs):
            seen["ca_at_start"] = (tmp_path / "esign-demo-ca" / "agency-key.pem").exists()

        def start(self):
            pass

        def run(self):
            pass

    monkeypatch.setattr(runportal, "call_command", lambda *a, **k: None)
    monkeypatch.setattr(runportal, "Supervisor", NoChildren)
    monkeypatch.setattr(runportal.Command, "check", lambda self, **k: None)

    runportal.Command().handle(host="127.0.0.1", port=1, workers=1, no_demo=True)

    assert seen == {"ca_at_start": True}
    assert (tmp_path / "esign-demo-ca" / "root.crl.pem").exists()


@pytest.mark.parametrize("signer", ["", "pkcs12"])
def test_without_the_demo_signer_no_demo_ca_is_made(settings, tmp_path, signer):
    settings.ESIGN_SIGNER = signer
    settings.ESIGN_DEMO_CA_DIR = str(tmp_path / "esign-demo-ca")

    runportal._prepare_demo_ca()

    assert not (tmp_path / "esign-demo-ca").exists()
