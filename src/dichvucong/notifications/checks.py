"""System checks (at start and in `manage.py check --deploy`): no SMS gateway half-configured."""

from django.conf import settings

from dichvucong.core.providers import provider_checks


def check_sms_provider(app_configs=None, *, deploy: bool = False, **kwargs):
    """Refuse an SMS_PROVIDER that is unknown or lacks its URL and credentials."""
    from dichvucong.notifications.providers import SMS_PROVIDERS

    return provider_checks(
        provider_ids=[settings.SMS_PROVIDER],
        registry=SMS_PROVIDERS,
        kind="SMS",
        switch="SMS_PROVIDER",
        check_id="notifications",
        deploy=deploy,
    )


def check_sms_provider_deploy(app_configs=None, **kwargs):
    return check_sms_provider(app_configs, deploy=True)
