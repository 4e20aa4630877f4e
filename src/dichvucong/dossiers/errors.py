"""Errors of the submission services, carrying Vietnamese messages for the citizen."""


class SubmissionError(Exception):
    """The dossier cannot be submitted as it is: `messages` and `field_errors` say why."""

    def __init__(self, messages: list[str], field_errors: dict | None = None) -> None:
        super().__init__("; ".join(str(m) for m in messages))
        self.messages = [str(m) for m in messages]
        self.field_errors = field_errors or {}
