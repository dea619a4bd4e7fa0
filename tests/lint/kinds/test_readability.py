"""readability: the Flesch reading ease of each public text, against a threshold, from a number of words."""

from __future__ import annotations

from kindcase import KindCase

HARD = (
    "Notwithstanding considerable organisational complexities, the administration's comprehensive "
    "consultation methodology necessitates substantial interdepartmental collaboration regarding "
    "infrastructure prioritisation."
)
EASY = "We will pick up your bins on Monday this week. Put them out by seven in the morning. Thank you."
POST = """
    ---
    title: Bins
    ---
    {body}
    """


class TestReadability(KindCase):
    kind = "readability"

    def test_hard_text_fails_and_easy_text_passes(self) -> None:
        self.check(POST.format(body=EASY))
        self.check(POST.format(body=HARD), (4, 1, {"score": -174.2, "threshold": 50}))

    def test_threshold(self) -> None:
        self.check(POST.format(body=HARD), threshold=-175)
        self.check(POST.format(body=EASY), (4, 1, {"score": 102.8, "threshold": 110}), threshold=110)

    def test_min_words_leaves_shorter_texts_unscored(self) -> None:
        self.check(POST.format(body=HARD), min_words=17)  # it has 16
        short = POST.format(body="Interdepartmental prioritisation.")
        self.check(short)
        self.check(short, (4, 1, {"score": -302.8, "threshold": 50}), min_words=2)
