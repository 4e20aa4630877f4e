"""Vietnamese identity and address data, one home for every app.

- `addresses`: today's two-tier units (province → commune) from `vietnam-provinces`, with
  zero-padded codes ("01", "00070") — the only code format the portal stores.
- `phones`: mobile and any-Vietnamese-number normalisers (E.164 `+84…`) and the display format.
- `identity`: the 12-digit personal identification number (CCCD) and the enterprise code.
- `fields`: the Django form fields built on them (mobile, phone, CCCD, province, commune).
"""
