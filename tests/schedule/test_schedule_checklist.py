"""media-checklist.md: each exported message with the files to attach in Sprout, their alt text, credit and captions."""

from __future__ import annotations

from schedule_helpers import rows

VIDEO = {
    "file": "video/bins.mp4",
    "alt": "A crew member empties\na blue bin",
    "credit": "Hart District Council",
    "captions": "video/bins.en.vtt",
}
IMAGE = {"file": "images/bin.jpg", "alt": "Blue bin at the kerb", "credit": "Hart District Council"}


def test_each_message_with_its_media_in_time_order(repo, schedule) -> None:
    repo.post("video", channels=["youtube", "facebook"], media=[VIDEO, IMAGE], publish_at="2027-02-02T10:00:00+00:00")
    repo.post("plain", channels=["x"], publish_at="2027-02-01T09:00:00+00:00")
    done = schedule("sprout", "--out", "out", "posts")
    assert done.status == 0, done.err
    text = (repo.root / "out" / "media-checklist.md").read_text(encoding="utf-8")
    assert text.startswith("# Media to attach in Sprout Social\n")
    assert "\n3 messages, 2 with media.\n" in text
    media = (
        "- [ ] Video `video/bins.mp4`\n"
        "  - Alt text: A crew member empties a blue bin\n"
        "  - Credit: Hart District Council\n"
        "  - Captions file: `video/bins.en.vtt`\n"
        "- [ ] Image `images/bin.jpg`\n"
        "  - Alt text: Blue bin at the kerb\n"
        "  - Credit: Hart District Council\n"
    )
    body = "```text\nFleet library opens until 7pm on Thursdays this month. #Fleet\n```\n\n"
    assert text.endswith(
        "\n## Monday 01/02/2027 09:00 · x · posts/plain.md\n\n" + body + "No images or video: nothing to attach.\n"
        "\n## Tuesday 02/02/2027 10:00 · facebook · posts/video.md\n\n" + body + media + "\n"
        "## Tuesday 02/02/2027 10:00 · youtube · posts/video.md\n\n" + body + media
    )
    assert len(rows(repo.root / "out" / "sprout-youtube.csv")) == 2


def test_dates_follow_the_import_preference(repo, schedule) -> None:
    repo.post("a", publish_at="2027-02-03T09:30:00+00:00")
    schedule("sprout", "--date-format", "mm/dd/yyyy", "--out", "out", "posts")
    text = (repo.root / "out" / "media-checklist.md").read_text(encoding="utf-8")
    assert "\n## Wednesday 02/03/2027 09:30 · facebook · posts/a.md\n" in text


def test_inline_images_are_listed_with_their_alt_text(repo, schedule) -> None:
    media = [{"file": "images/pond.jpg", "alt": "Ducks on Fleet Pond", "credit": "Hart District Council"}]
    repo.post("pond", body="Ducks! #FleetPond\n![Ducks on Fleet Pond](images/pond.jpg)\n", media=media)
    schedule("sprout", "--out", "out", "posts")
    text = (repo.root / "out" / "media-checklist.md").read_text(encoding="utf-8")
    assert "- [ ] Image `images/pond.jpg`\n  - Alt text: Ducks on Fleet Pond\n" in text


def test_a_fence_longer_than_the_texts_backticks_and_no_block_for_no_text(repo, schedule) -> None:
    repo.post("code", body="Type ```` to start, or `code`.\n", publish_at="2027-02-01T09:00:00+00:00")
    media = [{"file": "images/pond.jpg", "alt": "Ducks on Fleet Pond", "credit": "Hart District Council"}]
    repo.post("image", body="![Ducks on Fleet Pond](images/pond.jpg)\n", media=media)
    done = schedule("sprout", "--out", "out", "posts")
    assert done.status == 0, done.err
    text = (repo.root / "out" / "media-checklist.md").read_text(encoding="utf-8")
    assert "\n\n`````text\nType ```` to start, or `code`.\n`````\n\n" in text
    assert "posts/image.md\n\n- [ ] Image `images/pond.jpg`\n" in text  # an image alone publishes no text
