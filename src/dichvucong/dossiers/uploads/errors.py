"""The one error the upload pipeline raises: a Vietnamese message for the citizen."""


class UploadRejected(Exception):
    """The file was refused; `message` tells the citizen why (nothing was stored)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = str(message)
