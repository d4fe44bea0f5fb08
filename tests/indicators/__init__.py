"""Tests of indicators."""
