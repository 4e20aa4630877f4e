"""Log in with the ID number, the phone number, or (for officers) the username."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from dichvucong.accounts.selectors import user_by_identifier


class IdentifierBackend(ModelBackend):
    """Authenticate `identifier` + password; the identifier is an ID number or a phone."""

    def authenticate(self, request, identifier=None, password=None, **kwargs):
        if not identifier or not password:
            return None
        user = user_by_identifier(identifier)
        if user is None:
            # Spend the same time as a real check so timing does not reveal accounts.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
