"""Offline geocoding: the GeoNames gazetteer index and toponym disambiguation."""

from .gazetteer import Entry, Gazetteer, load_gazetteer, name_key

__all__ = ["Entry", "Gazetteer", "load_gazetteer", "name_key"]
