"""Speak a captcha's digits into a WAV with espeak-ng, where the machine has it.

espeak-ng (a Debian package, installed by `.ci/run` and the deployment guide) is a formant
synthesiser: no recordings, no network, a few milliseconds per challenge. Without it the
audio captcha is simply not offered; the text question (`captcha.QUESTION`) is.
"""

import shutil
import subprocess

VOICES = {"vi": "vi", "en": "en"}
TIMEOUT_SECONDS = 5


class SpeechUnavailable(Exception):
    """espeak-ng is missing or failed."""


def _executable() -> str | None:
    return shutil.which("espeak-ng")


def available() -> bool:
    """Tell whether the audio captcha can be offered on this machine."""
    return _executable() is not None


def wav(text: str, *, language: str = "vi") -> bytes:
    """Return `text` spoken slowly in the language's voice, as WAV bytes."""
    executable = _executable()
    if executable is None:
        raise SpeechUnavailable("espeak-ng is not installed")
    voice = VOICES.get((language or "vi")[:2], "vi")
    try:
        spoken = subprocess.run(  # noqa: S603 - our executable; the text is digits in words
            [executable, "-v", voice, "-s", "120", "-g", "12", "--stdout", text],
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise SpeechUnavailable(str(error)) from error
    if not spoken.stdout.startswith(b"RIFF"):
        raise SpeechUnavailable("espeak-ng gave no WAV")
    return spoken.stdout
