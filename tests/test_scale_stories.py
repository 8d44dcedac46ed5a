from dataclasses import replace

from dateline.records import Article, Extraction, OffsetMap, Rejected
from dateline.stories import Signature, StoryIndex, assign_stories, is_copy, signature

WIRE = ("Shipping firms along the northern coast agreed on Thursday to pool their weather data, a move the port "
        "authority said would make winter crossings safer. The agreement covers eleven companies and runs for "
        "three years. Captains have long complained that forecasts for the strait arrive too late to change a "
        "route, and several near misses last winter pushed the firms to act. The port authority will host the "
        "shared system and publish a daily summary for smaller boats that cannot afford their own service. "
        "Fishing groups welcomed the plan but asked for the summary to be broadcast on radio as well as online. "
        "A spokesman for the largest ferry operator said the cost would be modest and the benefit immediate.")
OTHER = ("The city library will stay open until midnight during exam season, the council said on Monday. Students "
         "had asked for longer hours after the university closed two of its reading rooms for repairs. The "
         "council said volunteers would help staff the late shifts and that the trial would be reviewed in June, "
         "when officials will decide whether to keep the later closing time for the rest of the year.")


def test_stories_exact_and_near_copies_share_a_story():
    index = StoryIndex()
    first = index.assign("a", signature(WIRE))
    assert first == "a"
    assert index.assign("a", signature(WIRE)) == "a"  # exact copy (same content hash)
    header = "Home | World | Business | Sport\nThe Coastal Courier - news you can use\n\n"
    footer = "\n\nShare this article\nCopyright The Coastal Courier. All rights reserved."
    assert index.assign("b", signature(header + WIRE + footer)) == "a"  # other site's boilerplate
    truncated = ". ".join(WIRE.split(". ")[:3]) + "."
    assert index.assign("c", signature(truncated)) == "a"  # an excerpt
    edited = WIRE.replace("Thursday", "Friday").replace("eleven", "twelve").replace("modest", "small")
    assert index.assign("d", signature(edited)) == "a"  # light edits
    assert index.assign("e", signature(OTHER)) == "e"  # a different story


def test_stories_unrelated_texts_with_shared_phrases_stay_apart():
    a = "Officials said on Monday that the talks would continue next week. " + WIRE
    b = "Officials said on Monday that the talks would continue next week. " + OTHER
    ok, _ = is_copy(signature(a), signature(b))
    assert not ok


def test_stories_assignment_is_order_stable_and_reloadable():
    texts = [WIRE, OTHER, "Breaking: " + WIRE, OTHER.replace("midnight", "11pm")]
    one = StoryIndex()
    stories = [one.assign(str(i), signature(t)) for i, t in enumerate(texts)]
    assert stories == ["0", "1", "0", "1"]
    # Rebuilding the index from stored (id, story, signature) continues identically.
    two = StoryIndex()
    for i, t in enumerate(texts[:2]):
        sig = signature(t)
        two.add(str(i), stories[i], Signature.from_bytes(sig.to_bytes(), sig.shingles))
    assert [two.assign(str(i), signature(t)) for i, t in enumerate(texts[2:], 2)] == stories[2:]


def _extraction(doc_id: str, body: str) -> Extraction:
    from dateline.clean import content_hash

    art = Article(id=content_hash(body), doc_id=doc_id, text=body, body_start=0, offsets=OffsetMap(((0, 0, len(body)),)))
    return Extraction(article=art)


def test_stories_assign_stories_fills_the_batch_contract_field():
    results = [_extraction("x", WIRE), Rejected("bad", "bad", "empty"), _extraction("y", OTHER),
               _extraction("z", WIRE.replace("Thursday", "Friday"))]
    out = assign_stories(results)
    assert out[1] == results[1]
    assert out[0].story == out[3].story == out[0].article.id
    assert out[2].story == out[2].article.id != out[0].story


def test_stories_empty_body_is_its_own_story():
    index = StoryIndex()
    assert index.assign("p", signature("")) == "p"
    assert index.assign("q", signature("")) == "q"
    assert replace(signature(WIRE)).shingles > 50


def test_stories_index_is_bounded_and_skips_redundant_copies():
    index = StoryIndex(window=2)
    index.assign("w", signature(WIRE))
    index.assign("w2", signature(WIRE + " The spokesman added nothing further."))  # near-identical: not indexed
    assert index.is_indexed("w") and not index.is_indexed("w2")
    index.assign("o", signature(OTHER))
    third = "Volunteers planted two thousand trees along the river on Sunday. " * 3
    index.assign("t", signature(third))
    assert not index.is_indexed("w") and index.is_indexed("o") and index.is_indexed("t")  # oldest evicted
    assert index.story_of("w2") == "w"  # stories are remembered beyond the window
    assert index.assign("w3", signature(WIRE.replace("Thursday", "Friday"))) == "w3"  # out of the window


def _variants(n: int) -> list[str]:
    """Texts sharing more or less of WIRE and OTHER, so LSH buckets collide in every way."""
    import random

    rng = random.Random(4)
    words = (WIRE + " " + OTHER).split()
    out = []
    for _ in range(n):
        start = rng.randrange(len(words) - 30)
        piece = words[start:start + rng.randint(20, 80)]
        for _ in range(rng.randint(0, 6)):
            piece[rng.randrange(len(piece))] = rng.choice(["harbour", "council", "winter", "ferry", "late"])
        out.append(" ".join(piece))
    return out


def test_stories_permutations_and_bands_are_datasketchs():
    from datasketch import MinHash, MinHashLSH

    from dateline import stories

    a, b = MinHash(num_perm=stories.NUM_PERM, scheme="affine32").permutations
    ours = stories._permutations()
    assert (ours[0] == a).all() and (ours[1] == b).all()
    lsh = MinHashLSH(threshold=stories.LSH_THRESHOLD, num_perm=stories.NUM_PERM)
    assert (lsh.b, lsh.r) == (stories.BANDS, stories.ROWS)
    m = MinHash(num_perm=stories.NUM_PERM, scheme="affine32", hashfunc=int)
    from dateline.stories import shingle_hashes

    m.update_batch(shingle_hashes(WIRE).tolist())
    assert (m.hashvalues == signature(WIRE).hashvalues).all()


def test_stories_compact_index_finds_what_datasketch_lsh_finds(monkeypatch):
    from datasketch import MinHashLSH

    from dateline import stories

    monkeypatch.setattr(StoryIndex, "REBUILD", 7)  # fold recent buckets into the sorted table often
    sigs = [signature(t) for t in _variants(120)]
    window = 40
    ours = StoryIndex(window=window)
    theirs = MinHashLSH(threshold=stories.LSH_THRESHOLD, num_perm=stories.NUM_PERM)
    order: list[str] = []
    for i, sig in enumerate(sigs):
        expected = set(theirs.query(sig))
        found = {ours._ids[r] for r in ours._candidates(stories._band_keys(sig.hashvalues))} if ours._next else set()
        assert found == expected, i
        key = str(i)
        ours.index(key, sig)
        theirs.insert(key, sig)
        order.append(key)
        if len(order) > window:  # the same window: the oldest leaves
            theirs.remove(order.pop(0))
    assert ours._cap == window  # the arrays stop growing at the window
