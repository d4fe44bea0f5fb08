"""Tests of bulgaria."""
