from dateline.records import OffsetMap, Span


def test_records_offset_map_shifts_within_pieces():
    om = OffsetMap(((0, 0, 5), (7, 20, 10)))
    assert om.to_input(3) == 3
    assert om.to_input(7) == 20
    assert om.span_to_input(8, 12) == (21, 25)


def test_records_offset_map_span_in_separator_is_none():
    om = OffsetMap(((0, 0, 5), (7, 20, 10)))
    assert om.span_to_input(5, 6) is None


def test_records_span_of_takes_text():
    assert Span.of("hello world", 6, 11) == Span(6, 11, "world")
