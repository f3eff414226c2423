"""Every briefing pack prints in its colophon the audit trail's anchor as the pack was read: the same
`LENGTH:HASH` that `r2p audit head` prints, and one `r2p check --anchor` accepts later."""

from __future__ import annotations

import pytest
from briefing_helpers import pdf_text, squeeze

from r2p_desktop.core import anchors


def audit_head(r2p) -> tuple[str, str]:
    """The two lines of `r2p audit head`: the sentence and the `LENGTH:HASH` to copy."""
    result = r2p("audit", "head")
    assert result.code == 0, result.err
    sentence, anchor = result.out.splitlines()
    return sentence, anchor


@pytest.mark.parametrize(("pack", "audience"), [("debate", "committee"), ("questions", "public")])
def test_the_pack_prints_the_anchor_r2p_audit_head_prints(r2p, record, tmp_path, pack, audience):
    out = tmp_path / f"{pack}.pdf"
    result = r2p("export", "briefing", "--pack", pack, "--audience", audience, "--debate", str(record["debate"]),
                 "--out", str(out))
    assert result.code == 0, result.err
    sentence, anchor = audit_head(r2p)
    length, head = anchor.split(":")
    assert sentence == f"audit trail: {length} entries, head {head}" and int(length) > 0
    text = pdf_text(out)
    assert f"Audit trail at export: {length} entries, head {head[:4]}…{head[-2:]}" in text
    assert squeeze(f"Anchor for r2p check --anchor: {anchor}") in squeeze(text)
    assert anchors.in_text(text, "the pack") == [anchors.parse(anchor)]
    # The colophon also says when the record was read and the options the pack was made with.
    assert squeeze("Written by R2P Desktop as the PDF pack from the record as read on") in squeeze(text)
    assert squeeze(f"Audience: {audience}") in squeeze(text) and squeeze("Made with: Pack:") in squeeze(text)


def test_the_anchor_printed_in_a_pack_is_checked_later(r2p, record, tmp_path):
    out = tmp_path / "pack.pdf"
    assert r2p("export", "briefing", "--debate", str(record["debate"]), "--out", str(out)).code == 0
    (printed,) = anchors.in_text(pdf_text(out), "the pack")
    assert r2p("demo", "--questions", "3").code == 0  # the record moves on after the pack

    result = r2p("check", "--anchor", str(printed))
    assert result.code == 0, result.out
    assert f"ok    audit anchor: the trail still holds {printed.length}:{printed.short_head}" in result.out
