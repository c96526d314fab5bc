"""Helpers the tests share: the app server and Debian's chromium for the browser tests."""
