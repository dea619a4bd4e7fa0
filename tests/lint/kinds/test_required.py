"""required: a media item's field, for some items (by kind, by condition, by credit)."""

from __future__ import annotations

from kindcase import KindCase

MEDIA = """
    ---
    media:
      - file: fair.jpg
        people: true
        credit: Hart District Council
      - file: walk.mp4
        children: true
        consent: signed 2027-01-04
        credit: Jo Bloggs
      - file: pond.png
        kind: video
        credit: " "
    ---
    ![A duck](duck.jpg)
    """


def missing(line: int, column: int, file: str, field: str, credit: str | None, item: int | None) -> tuple:
    return (line, column, {"file": file, "field": field, "credit": credit, "item": item})


class TestRequired(KindCase):
    kind = "required"

    def test_media_is_every_item_and_every_inline_image_without_one(self) -> None:
        self.check(
            MEDIA,
            missing(3, 5, "fair.jpg", "captions", "Hart District Council", 1),
            missing(6, 5, "walk.mp4", "captions", "Jo Bloggs", 2),
            missing(10, 5, "pond.png", "captions", " ", 3),
            missing(14, 1, "duck.jpg", "captions", None, None),
            field="captions",
        )

    def test_videos_are_by_kind_or_by_extension(self) -> None:
        self.check(
            MEDIA,
            missing(6, 5, "walk.mp4", "captions", "Jo Bloggs", 2),
            missing(10, 5, "pond.png", "captions", " ", 3),
            subject="videos",
            field="captions",
        )

    def test_images_point_at_an_inline_images_alt_text(self) -> None:
        self.check(
            MEDIA.replace("![A duck]", "![]"),
            missing(3, 5, "fair.jpg", "alt", "Hart District Council", 1),
            missing(14, 3, "duck.jpg", "alt", None, None),
            subject="images",
            field="alt",
        )

    def test_a_blank_field_is_missing_and_is_pointed_at_by_its_key(self) -> None:
        self.check(
            MEDIA,
            missing(12, 5, "pond.png", "credit", " ", 3),
            missing(14, 1, "duck.jpg", "credit", None, None),
            field="credit",
        )

    def test_when_any_condition_holds(self) -> None:
        self.check(
            MEDIA,
            missing(3, 5, "fair.jpg", "consent", "Hart District Council", 1),
            field="consent",
            when_any=[{"people": True}, {"children": True}],
        )
        # Conditions compare the item's own fields: walk.mp4 is a video by its extension but has no kind field.
        self.check(
            MEDIA,
            missing(10, 5, "pond.png", "consent", " ", 3),
            field="consent",
            when_any=[{"kind": "video", "people": False}, {"kind": "video"}],
        )
        self.check(MEDIA, field="consent", when_any=[{"people": True, "children": True}])  # all of one must hold

    def test_unless_organisation_credit_skips_the_council_and_the_uncredited(self) -> None:
        self.check(
            MEDIA,
            missing(6, 5, "walk.mp4", "permission", "Jo Bloggs", 2),
            field="permission",
            unless_organisation_credit=True,
        )
        self.check(
            MEDIA,
            field="permission",
            unless_organisation_credit=True,
            settings={"organisation_names": ["jo bloggs"]},
        )
