"""The upload pipeline: sniff, check, clean and store the files citizens attach."""

from dichvucong.dossiers.uploads.errors import UploadRejected
from dichvucong.dossiers.uploads.pipeline import CheckedFile, check_upload

__all__ = ["CheckedFile", "UploadRejected", "check_upload"]
