"""Inspector: offline inspections of UN formed police units."""

__version__ = "0.1.0"
