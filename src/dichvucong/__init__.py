"""Dịch Vụ Công: an online public-service portal for Vietnamese provinces."""
