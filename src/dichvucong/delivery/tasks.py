"""Background booking of shipments with the post, retried with backoff."""

from django_tasks import task

from dichvucong.core.tasks import enqueue_retry

MAX_BOOKING_ATTEMPTS = 5


@task()
def book_shipment(shipment_id: int, callback_url: str) -> str:
    """Book one shipment; on a postal-service error try again later."""
    from dichvucong.delivery.providers import DeliveryProviderError
    from dichvucong.delivery.services import shipment_book, shipment_book_failed

    try:
        shipment = shipment_book(shipment_id=shipment_id, callback_url=callback_url)
    except DeliveryProviderError as exc:
        failed = shipment_book_failed(
            shipment_id=shipment_id, error=str(exc), max_attempts=MAX_BOOKING_ATTEMPTS
        )
        if failed.attempts >= MAX_BOOKING_ATTEMPTS:
            return "failed"
        enqueue_retry(book_shipment, failed.attempts, shipment_id, callback_url)
        return "retrying"
    return "booked" if shipment is not None else "skipped"
