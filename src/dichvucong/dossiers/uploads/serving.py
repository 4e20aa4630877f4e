"""How every stored file goes out: private, never sniffed, and shown only inside a sandbox."""

from django.http import FileResponse, HttpResponse

# Types a browser may show in its own tab, sandboxed; anything else is downloaded. PDFs are
# downloaded too: Chromium refuses to start its PDF viewer in a sandboxed document ("This page
# has been blocked by Chrome", crbug 413851), and a PDF shown unsandboxed on the portal's origin
# is what the sandbox is for. The downloaded PDF opens in the officer's own viewer.
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp"}
# A stored file is the citizen's bytes: shown as a document with no script, no form, no
# same-origin rights (`sandbox`), and nothing loaded but itself.
SANDBOX_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def private_file_headers(response: HttpResponse) -> HttpResponse:
    """Mark a file response private, unsniffable and sandboxed."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = SANDBOX_CSP
    return response


def stored_file_response(
    handle, *, content_type: str, filename: str, download: bool = False
) -> FileResponse:
    """Send a stored file: images inline (sandboxed), anything else (PDFs too) as a download."""
    inline = not download and content_type in INLINE_TYPES
    response = FileResponse(
        handle, as_attachment=not inline, filename=filename, content_type=content_type
    )
    return private_file_headers(response)
