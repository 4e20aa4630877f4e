"""Log in with the ID number, the phone number, or (for officers) the username."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from dichvucong.accounts.selectors import user_by_identifier


class IdentifierBackend(ModelBackend):
    """Authenticate `identifier` + password; the identifier is an ID number or a phone."""

    def authenticate(self, request, identifier=None, password=None, **kwargs):
        if not identifier or not password:
            return None
        try:
            user = user_by_identifier(identifier)
        except ValidationError:
            user = None
        if user is None:
            # Spend the same time as a real check so timing does not reveal accounts.
            self.user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    @staticmethod
    def user_model():
        from django.contrib.auth import get_user_model

        return get_user_model()
