"""The headless Chromium and screenshot fixtures of test_browser.py, for every browser test."""

from tests.e2e.test_browser import browser, screenshots  # noqa: F401
